import { describe, expect, it } from "vitest";
import { LoginThrottle, type LoginAttempt, type Refusal } from "./login-throttle";

function clock() {
  const time = { now: 1_000_000 };
  return { time, now: () => time.now };
}

const reserved = (outcome: LoginAttempt | Refusal): LoginAttempt => {
  if ("refused" in outcome) throw new Error(`refused: ${JSON.stringify(outcome)}`);
  return outcome;
};

describe("LoginThrottle", () => {
  it("counts each attempt when it starts, so attempts sent together cannot all slip through", () => {
    const throttle = new LoginThrottle({ perEmail: 100, perIp: 3, windowMs: 60_000 });
    const started = [1, 2, 3].map((i) => reserved(throttle.attempt(`user${i}@shop.example`, "203.0.113.7")));
    expect(started.map((a) => a.rank)).toEqual([1, 2, 3]);
    expect(throttle.attempt("user4@shop.example", "203.0.113.7")).toEqual({ refused: "address", retryAfter: 60 });
    expect("rank" in throttle.attempt("user4@shop.example", "198.51.100.1")).toBe(true);
  });

  it("a success or a withdrawn attempt frees its place; a failure keeps it", () => {
    const throttle = new LoginThrottle({ perEmail: 100, perIp: 2, windowMs: 60_000 });
    reserved(throttle.attempt("a@shop.example", "ip")).succeeded();
    reserved(throttle.attempt("b@shop.example", "ip")).withdrawn();
    reserved(throttle.attempt("c@shop.example", "ip")).failed();
    const last = reserved(throttle.attempt("d@shop.example", "ip"));
    expect(last.rank).toBe(2);
    expect("refused" in throttle.attempt("e@shop.example", "ip")).toBe(true);
  });

  it("at most perEmail attempts at one account run together from one address", () => {
    const throttle = new LoginThrottle({ perEmail: 3, perIp: 100, windowMs: 60_000 });
    const outcomes = Array.from({ length: 10 }, () => throttle.attempt("owner@shop.example", "ip"));
    expect(outcomes.filter((o) => "rank" in o)).toHaveLength(3);
    expect(outcomes.slice(3)).toEqual(Array(7).fill({ refused: "account", retryAfter: 1 }));
  });

  it("beyond perEmail failures, a failing address waits 1 s, 2 s, 4 s … after each failure, while a fresh address may still try", () => {
    const { time, now } = clock();
    const throttle = new LoginThrottle({ perEmail: 3, perIp: 100, windowMs: 15 * 60_000 }, now);
    for (let i = 0; i < 3; i++) reserved(throttle.attempt("owner@shop.example", "guesser")).failed();
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const refusal = throttle.attempt("owner@shop.example", "guesser") as Refusal;
      expect(refusal.refused).toBe("account");
      waits.push(refusal.retryAfter);
      time.now += refusal.retryAfter * 1000;
      reserved(throttle.attempt("owner@shop.example", "guesser")).failed();
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    // The owner, from an address that has not failed, gets in; that does not lift the guesser's wait.
    reserved(throttle.attempt("owner@shop.example", "owner's phone")).succeeded();
    expect(throttle.attempt("owner@shop.example", "guesser")).toMatchObject({ refused: "account" });
  });

  it("the delay is capped at half the window, and everything is forgotten a window after the last failure", () => {
    const { time, now } = clock();
    const throttle = new LoginThrottle({ perEmail: 1, perIp: 100, windowMs: 8_000 }, now);
    const waits: number[] = [];
    reserved(throttle.attempt("owner@shop.example", "guesser")).failed();
    for (let i = 0; i < 5; i++) {
      const refusal = throttle.attempt("owner@shop.example", "guesser") as Refusal;
      waits.push(refusal.retryAfter);
      time.now += refusal.retryAfter * 1000;
      reserved(throttle.attempt("owner@shop.example", "guesser")).failed();
    }
    expect(waits).toEqual([1, 2, 4, 4, 4]);
    time.now += 8_000;
    expect(reserved(throttle.attempt("owner@shop.example", "guesser")).rank).toBe(1);
  });

  it("a success forgets the failures made from its own address (the owner's typos), not the others'", () => {
    const throttle = new LoginThrottle({ perEmail: 2, perIp: 100, windowMs: 60_000 });
    reserved(throttle.attempt("owner@shop.example", "ip")).failed();
    reserved(throttle.attempt("owner@shop.example", "ip")).succeeded();
    reserved(throttle.attempt("owner@shop.example", "ip")).failed();
    expect("rank" in throttle.attempt("owner@shop.example", "ip")).toBe(true);
  });
});
