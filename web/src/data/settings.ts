import { createSignal } from "solid-js";
import { orgPath } from "./api";
import { describeError } from "../fields/form";
import { useApp, useOrg } from "../context";
import { createRemote } from "./remote";

export type SettingNoun = "locations" | "journey-stages" | "segments" | "themes";

export interface SettingBase {
  id: string;
  name: string;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

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
  const base = () => orgPath(org().orgId, `/${noun}`);
  const remote = createRemote(
    () => (options.alwaysIncludeArchived || showArchived() ? `${base()}?archived=include` : base()),
    (url) => api.get<{ items: T[] }>(url).then((body) => body.items),
  );
  const all = () => remote.value() ?? [];
  const replace = (item: T) => remote.update((list) => list.map((existing) => (existing.id === item.id ? item : existing)));

  async function update(id: string, patch: object): Promise<T> {
    const item = await api.patch<T>(`${base()}/${id}`, patch);
    replace(item);
    return item;
  }

  async function restore(item: T) {
    try {
      const restored = await api.patch<T>(`${base()}/${item.id}`, { archived: false });
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
    base,
    /** Replaces the whole list locally (after a reorder). */
    setAll(items: T[]) {
      remote.update(() => items);
    },
    async create(body: object): Promise<T> {
      const item = await api.post<T>(base(), body);
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
