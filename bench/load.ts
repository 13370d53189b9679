import { Agent, request } from "node:http";

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  latenciesMs: number[];
}

/** Closed-loop load: `concurrency` keep-alive connections each sending the next request when the last answers. */
export async function load(opts: { port: number; path: string; headers?: Record<string, string>; seconds: number; concurrency: number }) {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const deadline = performance.now() + opts.seconds * 1000;
  let requests = 0;
  let errors = 0;
  const latenciesMs: number[] = [];

  const once = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = request({ host: "127.0.0.1", port: opts.port, path: opts.path, headers: opts.headers, agent }, (res) => {
        res.resume();
        res.on("end", () => {
          if (res.statusCode === 200) requests++;
          else errors++;
          latenciesMs.push(performance.now() - started);
          resolve();
        });
      });
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end();
    });

  const started = performance.now();
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < deadline) await once();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { requests, errors, seconds, perSecond: requests / seconds, latenciesMs } satisfies LoadResult;
}

export function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
