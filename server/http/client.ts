import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/**
 * Who is on the other end of a request, and which address they asked for. Behind a reverse
 * proxy (TRUST_PROXY=1) the socket is the proxy's, so the forwarded headers speak for the
 * client; without it those headers are the client's own words and are ignored.
 */

/** The trusted proxy hops (0: none), which the request log puts on every request. */
const hopsOf = (c: Context) => (c.get("proxyHops") as number | undefined) ?? 0;

/** The last `X-Forwarded-*` entry: the one our proxy wrote (a client can only write to the left of it). */
function forwarded(c: Context, header: string): string | undefined {
  const value = c.req.header(header);
  if (!value) return undefined;
  const entries = value.split(",").map((entry) => entry.trim()).filter(Boolean);
  return entries[entries.length - 1];
}

/** The socket's peer; "in-process" for a request made without one (tests calling `app.request`). */
function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "in-process";
  }
}

/**
 * The client's address. With N trusted hops, each proxy appends the address it saw to
 * X-Forwarded-For, so the client is the N-th entry from the right; anything further left was
 * written by the client and is not believed.
 */
export function clientAddress(c: Context): string {
  const hops = hopsOf(c);
  if (hops > 0) {
    const entries = (c.req.header("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
    const client = entries[Math.max(0, entries.length - hops)];
    if (client) return client;
  }
  return socketAddress(c);
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1", "in-process"]);

/** The person at the machine itself: a loopback socket and no proxy in between (behind one, every request looks local). */
export function fromLoopback(c: Context): boolean {
  return hopsOf(c) === 0 && LOOPBACK.has(socketAddress(c));
}

/** The host the client asked for (for links and the same-origin check). */
export function requestHost(c: Context): string {
  return (hopsOf(c) > 0 ? forwarded(c, "x-forwarded-host") : undefined) ?? c.req.header("host") ?? new URL(c.req.url).host;
}

/** Whether the client reached us over https (directly, or through a trusted proxy that says so). */
export function isHttps(c: Context): boolean {
  if (hopsOf(c) > 0) {
    const proto = forwarded(c, "x-forwarded-proto");
    if (proto) return proto === "https";
  }
  // The request's URL is absolute; a prefix test spares a URL parse on every request.
  return c.req.url.startsWith("https:");
}

/** The origin links to this server should use: "https://chefsache.example". */
export function requestOrigin(c: Context): string {
  return `${isHttps(c) ? "https" : "http"}://${requestHost(c)}`;
}
