import { createSignal } from "solid-js";
import type { InputOf, OutputOf } from "./routes";
import { describeError } from "../fields/form";
import { useApp, useOrg } from "../context";
import { createRemote } from "./remote";

export type SettingNoun = "locations" | "journey-stages" | "segments" | "themes";

type SettingPath = `/orgs/:orgId/${SettingNoun}`;

/** An item of any of the four lists, as the server declares it. */
export type SettingBase = OutputOf<"get", SettingPath>["items"][number];

/** Where focus goes when an archived row leaves the list, or after a restore. */
export const rowControlId = (id: string, control: "edit" | "archive" | "restore" | "up" | "down") => `setting-${id}-${control}`;

function focusById(id: string) {
  queueMicrotask(() => document.getElementById(id)?.focus());
}

/**
 * One organisation setting list (locations, journey stages, segments, themes): load, create,
 * edit, archive with undo, and the "show archived" switch. Journey stages always load archived
 * ones too, because reordering must name every stage.
 */
export function createSettingCollection<T extends SettingBase>(noun: SettingNoun, options: { alwaysIncludeArchived?: boolean } = {}) {
  const { api, i18n, toaster } = useApp();
  const org = useOrg();
  const [showArchived, setShowArchived] = createSignal(false);
  const path: SettingPath = `/orgs/:orgId/${noun}`;
  // The four lists share this collection: the server declares each noun's answers, and T (bound
  // by them) is the screen's name for its noun's item, which the noun's answers are.
  const mine = <A>(answer: A) => answer as unknown as T;
  const includeArchived = () => Boolean(options.alwaysIncludeArchived || showArchived());
  const remote = createRemote(
    () => `${org().orgId}/${noun}/${includeArchived() ? "all" : "live"}`,
    () =>
      api
        .call("get", path, { param: { orgId: org().orgId }, query: includeArchived() ? { archived: "include" } : {} })
        .then((body) => body.items.map(mine)),
  );
  const all = () => remote.value() ?? [];
  const replace = (item: T) => remote.update((list) => list.map((existing) => (existing.id === item.id ? item : existing)));

  async function update(id: string, patch: object): Promise<T> {
    const item = mine(await api.call("patch", `${path}/:id`, { param: { orgId: org().orgId, id }, json: patch }));
    replace(item);
    return item;
  }

  async function restore(item: T) {
    try {
      const restored = mine(await api.call("patch", `${path}/:id`, { param: { orgId: org().orgId, id: item.id }, json: { archived: false } }));
      if (all().some((existing) => existing.id === item.id)) replace(restored);
      else await remote.reload();
      toaster.show(i18n.t("settings.restored", { name: restored.name }));
      focusById(rowControlId(item.id, "archive"));
    } catch (error) {
      toaster.show(describeError(i18n, error), { tone: "error" });
    }
  }

  return {
    remote,
    all,
    /** What the list shows: archived items only while "show archived" is on. */
    visible: () => all().filter((item) => showArchived() || !item.archived),
    showArchived,
    setShowArchived,
    /** Replaces the whole list locally (after a reorder). */
    setAll(items: T[]) {
      remote.update(() => items);
    },
    /** `body` is the noun's own create body (the server validates it as its declaration says). */
    async create(body: InputOf<"post", SettingPath>["json"] & Record<string, unknown>): Promise<T> {
      const item = mine(await api.call("post", path, { param: { orgId: org().orgId }, json: body }));
      // The server decides the order (by name, or by position for stages).
      await remote.reload();
      return item;
    },
    update,
    /** Archives and offers Undo; when the row disappears, focus goes to the list heading `focusId`. */
    async archive(item: T, focusId: string) {
      try {
        await update(item.id, { archived: true });
        toaster.show(i18n.t("settings.archived", { name: item.name }), {
          action: { label: i18n.t("common.undo"), run: () => void restore(item) },
        });
        focusById(showArchived() ? rowControlId(item.id, "restore") : focusId);
      } catch (error) {
        toaster.show(describeError(i18n, error), { tone: "error" });
      }
    },
    restore,
  };
}

export type SettingCollection<T extends SettingBase> = ReturnType<typeof createSettingCollection<T>>;
