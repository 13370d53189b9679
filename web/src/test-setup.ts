// Screens under test render in Dutch as well as English; in the app main.tsx loads the chosen
// language before the first render and each screen its text pack, here all are there from the start.
import { loadLanguage } from "./i18n";
import { loadPack, type TextPack } from "./i18n/packs";

const PACKS: TextPack[] = ["cases", "kpi", "mystery", "results"];
await loadLanguage("nl");
await Promise.all(PACKS.flatMap((pack) => [loadPack(pack, "en"), loadPack(pack, "nl")]));
