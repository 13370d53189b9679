import { promisify } from "node:util";
import { brotliCompress, constants, gzip as gzipCallback } from "node:zlib";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";

/** Answers up to this size go out as they are: compressing them saves less than it costs. */
const COMPRESS_FROM_BYTES = 1024;

type Encoding = "br" | "gzip";

/**
 * The encoding to answer in, from an Accept-Encoding header: brotli when accepted (smaller at
 * the same speed), else gzip; none when neither is, or both carry `q=0`.
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  // A browser sends the same header on every request: read it once.
  if (acceptEncoding === lastRead.header) return lastRead.encoding;
  const encoding = readAcceptEncoding(acceptEncoding);
  lastRead = { header: acceptEncoding, encoding };
  return encoding;
}

let lastRead: { header: string; encoding: Encoding | undefined } = { header: "", encoding: undefined };

function readAcceptEncoding(acceptEncoding: string): Encoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const weight = (name: Encoding) => accepted.get(name) ?? (accepted.get("*") || 0);
  if (weight("br") > 0 && weight("br") >= weight("gzip")) return "br";
  if (weight("gzip") > 0) return "gzip";
  return undefined;
}

const brotli = promisify(brotliCompress);
const gzip = promisify(gzipCallback);

/**
 * Compresses on libuv's thread pool, so a large pull page (a megabyte of JSON takes brotli
 * tens of milliseconds) does not hold up other requests; the answer is a stream that carries
 * the result, which keeps `c.json` returning an answer at once, as Hono expects.
 */
export function compressed(text: string, encoding: Encoding): ReadableStream<Uint8Array> {
  return new ReadableStream({
    async start(controller) {
      controller.enqueue(
        encoding === "br"
          ? await brotli(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: text.length } })
          : await gzip(text, { level: 6 }),
      );
      controller.close();
    },
  });
}

/**
 * Sends JSON answers over 1 KB compressed when the client accepts it. It works by giving the
 * request a `c.json` that compresses as it makes the answer, rather than by rewriting the
 * finished answer: reading a finished answer's body makes @hono/node-server give up its fast
 * path, which halved the API's throughput (see security-headers.ts).
 */
export const compressJson = () =>
  createMiddleware(async (c, next) => {
    c.header("Vary", "Accept-Encoding");
    const encoding = chooseEncoding(c.req.header("accept-encoding"));
    if (encoding) c.json = compressingJson(c, encoding);
    await next();
  });

function compressingJson(c: Context, encoding: Encoding): Context["json"] {
  const json = (object: unknown, arg?: number | ResponseInit, headers?: Record<string, string>): Response => {
    const text = JSON.stringify(object);
    c.header("Content-Type", "application/json");
    if (!isLarge(text)) return c.body(text, arg as never, headers);
    c.header("Content-Encoding", encoding);
    return c.body(compressed(text, encoding), arg as never, headers);
  };
  // The same answer as Hono's c.json, whose type also records the body for the typed client.
  return json as unknown as Context["json"];
}

/** Over 1 KB in UTF-8; the byte count is only taken when the character count leaves it open. */
export const isLarge = (text: string) =>
  text.length > COMPRESS_FROM_BYTES || (text.length > COMPRESS_FROM_BYTES / 3 && Buffer.byteLength(text) > COMPRESS_FROM_BYTES);
