import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, URL-safe: used for session and invite tokens. */
export const newToken = () => randomBytes(32).toString("base64url");
export const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");
