import { Writable } from "node:stream";
import { createLogger } from "../../server/log";

/** A logger writing into an array of parsed lines, as an operator's log collector would read them. */
export function captured() {
  const lines: Record<string, any>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, log: createLogger({ level: "info", destination }) };
}
