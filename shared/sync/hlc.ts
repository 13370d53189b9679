/**
 * Hybrid logical clock: `<ISO-8601 UTC time with ms>-<4 hex counter>-<16 hex node id>`.
 * Every part has a fixed width, so comparing two HLC strings compares them causally.
 */
export interface Hlc {
  millis: number;
  counter: number;
  node: string;
}

/** A device clock may run ahead of the server's by at most this much (a push further ahead is refused). */
export const MAX_CLOCK_AHEAD_MS = 10 * 60_000;

const HLC_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9a-f]{16})$/;
const MAX_COUNTER = 0xffff;

export function formatHlc({ millis, counter, node }: Hlc): string {
  return `${new Date(millis).toISOString()}-${counter.toString(16).padStart(4, "0")}-${node}`;
}

export function parseHlc(text: string): Hlc | null {
  const match = HLC_PATTERN.exec(text);
  if (!match) return null;
  const millis = Date.parse(match[1]!);
  // Date.parse accepts 2026-02-31; a real timestamp prints back to the same text.
  if (!Number.isFinite(millis) || new Date(millis).toISOString() !== match[1]) return null;
  return { millis, counter: parseInt(match[2]!, 16), node: match[3]! };
}

export const isHlc = (text: string) => parseHlc(text) !== null;

export class HlcOverflowError extends Error {}

/** A device's clock: `next()` stamps a local change, `observe()` folds in a timestamp seen from elsewhere. */
export class HlcClock {
  private last: Hlc;

  constructor(
    readonly node: string,
    private readonly now: () => number = Date.now,
    last?: string,
  ) {
    if (!/^[0-9a-f]{16}$/.test(node)) throw new Error(`HLC node id must be 16 hex digits, got "${node}"`);
    this.last = (last && parseHlc(last)) || { millis: 0, counter: 0, node };
  }

  next(): string {
    const physical = this.now();
    const millis = Math.max(this.last.millis, physical);
    const counter = millis === this.last.millis ? this.last.counter + 1 : 0;
    if (counter > MAX_COUNTER) throw new HlcOverflowError("HLC counter overflow: too many changes in one millisecond");
    this.last = { millis, counter, node: this.node };
    return formatHlc(this.last);
  }

  observe(remote: string) {
    const other = parseHlc(remote);
    if (!other) return;
    const physical = this.now();
    const millis = Math.max(this.last.millis, other.millis, physical);
    let counter = 0;
    if (millis === this.last.millis && millis === other.millis) counter = Math.max(this.last.counter, other.counter) + 1;
    else if (millis === this.last.millis) counter = this.last.counter + 1;
    else if (millis === other.millis) counter = other.counter + 1;
    if (counter > MAX_COUNTER) throw new HlcOverflowError("HLC counter overflow");
    this.last = { millis, counter, node: this.node };
  }

  /** The latest timestamp issued or seen, to persist across reloads. */
  get latest(): string {
    return formatHlc(this.last);
  }
}

/** A fresh random node id for a device. */
export function newNodeId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
