/**
 * Requests per second against a running server, from a load generator that is not the
 * bottleneck: wrk when it is installed (`apt-get install wrk`), else the Node generator in
 * load.ts spread over separate processes (one Node process saturates before the servers do).
 */
import { execFileSync, spawn } from "node:child_process";
import { availableParallelism } from "node:os";

export interface Target {
  port: number;
  path: string;
  headers?: Record<string, string>;
  seconds: number;
  concurrency: number;
}

const WRK = hasWrk();
export const generatorName = WRK ? "wrk" : `Node (${workerCount()} processes)`;

function hasWrk() {
  try {
    execFileSync("wrk", ["--version"], { stdio: "ignore" });
    return true;
  } catch (error) {
    // wrk --version prints its banner and exits 1; only a missing program is "not installed".
    return (error as NodeJS.ErrnoException).code !== "ENOENT";
  }
}

function workerCount() {
  return Math.max(2, availableParallelism() - 1);
}

export async function requestsPerSecond(target: Target): Promise<number> {
  return WRK ? wrk(target) : nodeWorkers(target);
}

function run(command: string, args: string[]) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => (out += text));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} exited with ${code}`))));
  });
}

async function wrk({ port, path, headers = {}, seconds, concurrency }: Target) {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  const out = await run("wrk", ["-t1", `-c${concurrency}`, `-d${seconds}s`, ...headerArgs, `http://127.0.0.1:${port}${path}`]);
  const failed = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  if (failed) throw new Error(`${path}: ${failed[1]} failed requests`);
  const perSecond = /Requests\/sec:\s+([\d.]+)/.exec(out);
  if (!perSecond) throw new Error(`wrk printed no rate:\n${out}`);
  return Number(perSecond[1]);
}

async function nodeWorkers(target: Target) {
  const workers = workerCount();
  const share = { ...target, concurrency: Math.ceil(target.concurrency / workers) };
  const outputs = await Promise.all(
    Array.from({ length: workers }, () => run(process.execPath, ["--import", "tsx", "bench/load-worker.ts", JSON.stringify(share)])),
  );
  let total = 0;
  for (const out of outputs) {
    const { perSecond, errors } = JSON.parse(out) as { perSecond: number; errors: number };
    if (errors > 0) throw new Error(`${target.path}: ${errors} failed requests`);
    total += perSecond;
  }
  return total;
}
