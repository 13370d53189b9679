import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** One chunk of the built PWA, as Vite's manifest describes it. */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

/** The built PWA's chunks, from Vite's manifest (`<dist>/.vite/manifest.json`); null when the build wrote none. */
export function readViteManifest(dist: string) {
  const file = join(dist, ".vite", "manifest.json");
  if (!existsSync(file)) return null;
  const chunks = JSON.parse(readFileSync(file, "utf8")) as Record<string, ManifestChunk>;
  return {
    chunks,
    /** The chunk built from a source module ("src/routes/…"). */
    keyOf: (src: string) => Object.keys(chunks).find((key) => chunks[key]!.src === src),
    /** A chunk and everything it imports statically, each once, an import before what imports it (the order they run in). */
    withImports(key: string): ManifestChunk[] {
      const seen = new Set<string>();
      const ordered: ManifestChunk[] = [];
      const visit = (at: string) => {
        const chunk = chunks[at];
        if (!chunk || seen.has(at)) return;
        seen.add(at);
        for (const imported of chunk.imports ?? []) visit(imported);
        ordered.push(chunk);
      };
      visit(key);
      return ordered;
    },
  };
}
