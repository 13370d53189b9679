/** Loads the interface language's formatting data (intl-formats.ts), then ends. */
import type { Language } from "./i18n";
import { loadFormats } from "./intl-formats";

const scope = self as unknown as { name: string; close(): void };

try {
  // The page names the worker after the interface language (intl-warmup.ts).
  loadFormats(scope.name as Language);
} finally {
  scope.close();
}
