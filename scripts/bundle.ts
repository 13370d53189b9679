/**
 * What the built PWA (dist/) sends a phone, read from Vite's manifest: the JS the shell loads,
 * each screen's chunk and what it imports, in the bytes a gzip client receives (the build's
 * .gz copies). Used by the bundle test and by `npm run bench`.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { readViteManifest } from "../server/http/vite-manifest";

export function readBundle(dist = "dist") {
  const manifest = readViteManifest(dist);
  if (!manifest) throw new Error(`${join(dist, ".vite", "manifest.json")} is missing: run npm run build first`);
  const { chunks, keyOf } = manifest;

  /** A chunk's JS file and those of everything it imports statically (what loads before it runs). */
  const jsWithImports = (key: string): string[] =>
    manifest
      .withImports(key)
      .map((chunk) => chunk.file)
      .filter((file) => file.endsWith(".js"));

  /** What a gzip client is sent: the build's .gz copy, or the file itself when it is too small to have one. */
  const gzipBytes = (file: string) => statSync(join(dist, existsSync(join(dist, `${file}.gz`)) ? `${file}.gz` : file)).size;
  const total = (files: string[]) => files.reduce((sum, file) => sum + gzipBytes(file), 0);

  const shellFiles = jsWithImports(Object.keys(chunks).find((key) => chunks[key]!.isEntry)!);
  return {
    shell: { files: shellFiles, gzipBytes: total(shellFiles) },
    /** A screen by its source module ("src/routes/…"): its own chunk, and everything it loads. */
    screen(src: string) {
      const key = keyOf(src);
      if (!key) return undefined;
      return { file: chunks[key]!.file, gzipBytes: gzipBytes(chunks[key]!.file), loads: jsWithImports(key) };
    },
    /** What files add up to, as gzip copies. */
    gzipBytesOf: total,
    /** The file's first line: where V8 looks for a compile hint. */
    firstLine: (file: string) => readFileSync(join(dist, file), "utf8").split("\n", 1)[0],
    /** zod's code names its error class; nothing else in the app does. */
    carriesValidationLibrary: (file: string) => /\bZodError\b|\$ZodType/.test(readFileSync(join(dist, file), "utf8")),
  };
}
