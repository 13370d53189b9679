/** The line of hashes was full and this one was the least deserving of a place in it. */
export class HashingBusy extends Error {
  constructor() {
    super("Too many password checks are waiting");
  }
}

interface Waiting {
  rank: number;
  /** Asked for by a client (may be turned away), rather than by the server itself. */
  bounded: boolean;
  start: () => void;
  turnAway: () => void;
}

/**
 * Runs at most `concurrency` password hashes at once: scrypt is slow on purpose, and without a
 * cap a flood of bogus logins slows every real one to a crawl. Waiting hashes go in order of
 * `rank` (lower first, then first come): callers rank a client's hash by how many attempts its
 * address has made lately, so a newcomer goes ahead of a flood. The line holds `maxWaiting`
 * client hashes; when it is full, a newcomer pushes out the worst-ranked one if it ranks better,
 * else it is turned away itself — either way at once, rather than after a long wait. The
 * server's own hashes (no rank) go first and are never turned away.
 */
export class HashQueue {
  private running = 0;
  private readonly line: Waiting[] = [];
  private boundedWaiting = 0;

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
  ) {}

  run<T>(task: () => Promise<T>, rank?: number): Promise<T> {
    if (this.running < this.concurrency) return this.start(task);
    return new Promise<T>((resolve, reject) => {
      const job: Waiting = {
        rank: rank ?? Number.NEGATIVE_INFINITY,
        bounded: rank !== undefined,
        start: () => void this.start(task).then(resolve, reject),
        turnAway: () => reject(new HashingBusy()),
      };
      if (job.bounded && this.boundedWaiting >= this.maxWaiting) {
        // Sorted by rank, so the last entry is the worst-ranked client hash.
        const worst = this.line[this.line.length - 1]!;
        if (worst.rank <= job.rank) return job.turnAway();
        this.line.pop();
        this.boundedWaiting -= 1;
        worst.turnAway();
      }
      let at = this.line.length;
      while (at > 0 && this.line[at - 1]!.rank > job.rank) at -= 1;
      this.line.splice(at, 0, job);
      if (job.bounded) this.boundedWaiting += 1;
    });
  }

  private async start<T>(task: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await task();
    } finally {
      this.running -= 1;
      const next = this.line.shift();
      if (next) {
        if (next.bounded) this.boundedWaiting -= 1;
        next.start();
      }
    }
  }
}
