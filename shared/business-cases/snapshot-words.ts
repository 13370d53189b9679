import type { EvidenceChange, EvidencePart } from "./snapshot";

/**
 * What changed in a submitted case's evidence, in one English sentence: the reason the server
 * writes into the decision log when the change sends the case back to draft (the API's readers
 * see it as it is; the screens word the same changes in the reader's language).
 */
export function describeEvidenceChanges(changes: readonly EvidenceChange[]): string {
  const each = changes.map((change) => `“${change.title || "an experiment"}”: ${[...new Set(change.parts.map(partWords))].join(", ")}`);
  return `The evidence changed after submission, so the case is back in draft: ${each.join("; ")}.`;
}

function partWords(part: EvidencePart): string {
  switch (part.part) {
    case "status":
      return `its status went from ${part.from} to ${part.to}`;
    case "result":
      return part.role === "primary" ? "its result changed" : "a guardrail's result changed";
    case "sample":
      return "its sample sizes changed";
    case "srm":
      return "its sample-ratio check changed";
    case "kpis":
      return "its KPIs changed";
    case "removed":
      return "it was removed";
    case "added":
      return "it was added";
  }
}
