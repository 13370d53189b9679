import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { HashQueue } from "./hash-queue";

export { HashingBusy } from "./hash-queue";

// Two at a time leaves the rest of libuv's four threads to compression and files; eight
// waiting is under two seconds of work even on a busy two-core machine.
const hashing = new HashQueue(2, 8);

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions, rank: number | undefined) =>
  hashing.run(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
      ),
    rank,
  );

/**
 * Where a hash asked for by a client stands in the line: `rank` is how many attempts its
 * address has made lately (fewer go first; the most go first when the line is full, with
 * HashingBusy). Without it, the hash is the server's own and always waits its turn.
 */
export interface HashTurn {
  rank: number;
}

// OWASP's scrypt floor (N=2^17 with r=8 would need 128 MiB per hash; 2^15 keeps a login
// under ~60 ms on two cores while staying well above the 2^14 minimum).
const PARAMS = { N: 1 << 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

export async function hashPassword(password: string, turn?: HashTurn): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...PARAMS, maxmem: 64 * 1024 * 1024 }, turn?.rank);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string, turn?: HashTurn): Promise<boolean> {
  const [scheme, n, r, p, saltText, keyText] = stored.split("$");
  if (scheme !== "scrypt" || !saltText || !keyText) return false;
  const expected = Buffer.from(keyText, "base64url");
  const key = await scrypt(
    password,
    Buffer.from(saltText, "base64url"),
    expected.length,
    { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 },
    turn?.rank,
  );
  return timingSafeEqual(key, expected);
}

/** A hash of a random password: verifying against it costs the same as a real one, so unknown e-mails take as long as wrong passwords. */
export const dummyHash = hashPassword(randomBytes(16).toString("hex"));
