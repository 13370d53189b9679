import { templateFits } from "../../../../shared/mystery/fit";
import type { LocationKind } from "../../../../shared/enums";
import type { MysterySection } from "../../../../shared/schemas/mystery";
import type { LocalStore } from "../../data/local/store";
import { questionCount } from "./template";

interface TemplateChoice {
  id: string;
  archived?: boolean | undefined;
  sections?: MysterySection[] | undefined;
  locationKinds?: LocationKind[] | null | undefined;
}

/** Templates a new shop can be started with: live, with questions and, for a place, made for its kind. */
export function startableTemplates<T extends TemplateChoice>(templates: readonly T[], kind?: LocationKind | undefined): T[] {
  return templates.filter((tpl) => !tpl.archived && questionCount(tpl.sections) > 0 && (kind === undefined || templateFits(tpl.locationKinds, kind)));
}

/**
 * Starts a shop on this device (it works offline) and answers its id. The shop keeps the
 * template's questions as they are now: editing the template later must not rewrite its score.
 */
export async function startShop(store: LocalStore, template: TemplateChoice, place: { locationId: string; visitId: string | null }): Promise<string> {
  const id = crypto.randomUUID();
  await store.change("mystery_shop", id, {
    templateId: template.id,
    sections: template.sections ?? [],
    locationId: place.locationId,
    visitId: place.visitId,
    startedAt: new Date().toISOString(),
    completedAt: null,
    answers: {},
  });
  return id;
}

/**
 * Where a "Mystery shop" visit goes once it is started (a path inside the organisation): into a
 * scored shop connected to the visit when one template is made for the place, to choosing one
 * when several are, and null — the visit itself — when none is.
 */
export async function shopForVisit(store: LocalStore, visitId: string, locationId: string): Promise<string | null> {
  const [location, templates] = await Promise.all([store.get("location", locationId), store.list("mystery_template")]);
  const fitting = startableTemplates(templates, location?.kind);
  if (fitting.length === 0) return null;
  if (fitting.length > 1) return `mystery?visit=${encodeURIComponent(visitId)}`;
  return `mystery/shops/${await startShop(store, fitting[0]!, { locationId, visitId })}`;
}
