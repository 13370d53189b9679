import { describe, expect, it } from "vitest";
import { HashingBusy, HashQueue } from "./hash-queue";

/** A task that finishes when the test says so, recording when it started. */
function held(started: string[], name: string) {
  let finish: () => void = () => undefined;
  const done = new Promise<string>((resolve) => (finish = () => resolve(name)));
  return {
    task: () => {
      started.push(name);
      return done;
    },
    finish: () => finish(),
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("HashQueue", () => {
  it("runs at most `concurrency` tasks at once, then the waiting ones by rank, first come first within a rank", async () => {
    const started: string[] = [];
    const queue = new HashQueue(2, 10);
    const tasks = Object.fromEntries(["a", "b", "c", "d", "e"].map((name) => [name, held(started, name)]));
    const results = [
      queue.run(tasks.a!.task, 5),
      queue.run(tasks.b!.task, 5),
      queue.run(tasks.c!.task, 3),
      queue.run(tasks.d!.task, 1),
      queue.run(tasks.e!.task, 3),
    ];
    expect(started).toEqual(["a", "b"]);
    tasks.a!.finish();
    await flush();
    expect(started).toEqual(["a", "b", "d"]);
    for (const name of ["b", "d", "c", "e"]) {
      tasks[name]!.finish();
      await flush();
    }
    expect(started).toEqual(["a", "b", "d", "c", "e"]);
    expect(await Promise.all(results)).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("when the line is full, a better-ranked newcomer pushes out the worst, and a newcomer no better is turned away at once", async () => {
    const started: string[] = [];
    const queue = new HashQueue(1, 2);
    const running = held(started, "running");
    void queue.run(running.task, 1);
    const worst = queue.run(held(started, "worst").task, 9);
    void queue.run(held(started, "middle").task, 5);
    const better = held(started, "better");
    void queue.run(better.task, 2);
    await expect(worst).rejects.toBeInstanceOf(HashingBusy);
    await expect(queue.run(held(started, "late").task, 5)).rejects.toBeInstanceOf(HashingBusy);
    running.finish();
    await flush();
    expect(started).toEqual(["running", "better"]);
  });

  it("never turns away the server's own hashes (no rank), and runs them first", async () => {
    const started: string[] = [];
    const queue = new HashQueue(1, 1);
    const running = held(started, "running");
    void queue.run(running.task, 1);
    void queue.run(held(started, "client").task, 1);
    const own = [queue.run(held(started, "own-1").task), queue.run(held(started, "own-2").task)];
    running.finish();
    await flush();
    expect(started).toEqual(["running", "own-1"]);
    expect(own).toHaveLength(2);
  });

  it("a failing task frees its place", async () => {
    const queue = new HashQueue(1, 1);
    await expect(queue.run(() => Promise.reject(new Error("scrypt failed")), 1)).rejects.toThrow("scrypt failed");
    expect(await queue.run(async () => "next", 1)).toBe("next");
  });
});
