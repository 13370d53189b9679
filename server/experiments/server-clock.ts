import { formatHlc, parseHlc } from "../../shared/sync/hlc";

/** The node id of changes the server makes itself (a lifecycle move, an import, the demo). */
export const SERVER_NODE = "0000000000000000";

/**
 * A server HLC at `nowMs`, strictly later than every clock in `after`. Devices merge field by
 * field and keep their own value when its clock is not older, so a server change stamped
 * earlier than the value it replaces (a device clock may run ahead) would never reach them.
 */
export function serverHlc(nowMs: number, after: Iterable<string | undefined> = []): string {
  let millis = nowMs;
  let counter = 0;
  for (const text of after) {
    const previous = text ? parseHlc(text) : null;
    if (!previous) continue;
    if (previous.millis > millis || (previous.millis === millis && previous.counter >= counter)) {
      // Same millisecond: one tick later; the node (all zeros) never wins a tie by itself.
      millis = previous.millis;
      counter = previous.counter + 1;
      if (counter > 0xffff) {
        millis += 1;
        counter = 0;
      }
    }
  }
  return formatHlc({ millis, counter, node: SERVER_NODE });
}
