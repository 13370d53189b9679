/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every text file of the built PWA, so the
 * server sends them as they are (chosen by Accept-Encoding) instead of compressing per request.
 * Runs after `vite build` (npm run build), when the service worker has been written too.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const TEXT = new Set([".js", ".mjs", ".css", ".html", ".svg", ".json", ".webmanifest", ".txt", ".map"]);
/** Below this, a compressed copy saves little more than the Content-Encoding header it needs. */
const MIN_BYTES = 256;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

/** Compresses the text files under `dir`; answers how many it wrote copies of. */
export function precompress(dir: string): number {
  let count = 0;
  for (const path of files(dir)) {
    if (!TEXT.has(extname(path))) continue;
    const bytes = readFileSync(path);
    if (bytes.length < MIN_BYTES) continue;
    writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
    writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
    count += 1;
  }
  return count;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? "dist");
  console.log(`precompressed ${precompress(dir)} files in ${dir} (brotli and gzip)`);
}
