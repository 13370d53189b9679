import { createSignal } from "solid-js";
import type { Api } from "./api";
import type { InputOf, OutputOf } from "./routes";
import { describeError } from "../fields/form";
import { useApp, useOrg } from "../context";
import { createRemote } from "./remote";
import { focusSoon } from "../focus";

export type SettingNoun = "locations" | "journey-stages" | "segments" | "themes";

/** An item of one list, and what creating one and changing one send, as the server declares them. */
type JsonOf<I> = I extends { json: infer J } ? J : never;
type ItemAt<P extends string> = OutputOf<"get", P>["items"][number];
type CreateAt<P extends string> = JsonOf<InputOf<"post", P>>;
type PatchAt<P extends string> = JsonOf<InputOf<"patch", P>>;
// Spelled out per noun (not a mapped type), so code generic in the noun still sees what every item has.
interface Items {
  locations: ItemAt<"/orgs/:orgId/locations">;
  "journey-stages": ItemAt<"/orgs/:orgId/journey-stages">;
  segments: ItemAt<"/orgs/:orgId/segments">;
  themes: ItemAt<"/orgs/:orgId/themes">;
}
interface Creates {
  locations: CreateAt<"/orgs/:orgId/locations">;
  "journey-stages": CreateAt<"/orgs/:orgId/journey-stages">;
  segments: CreateAt<"/orgs/:orgId/segments">;
  themes: CreateAt<"/orgs/:orgId/themes">;
}
interface Patches {
  locations: PatchAt<"/orgs/:orgId/locations/:id">;
  "journey-stages": PatchAt<"/orgs/:orgId/journey-stages/:id">;
  segments: PatchAt<"/orgs/:orgId/segments/:id">;
  themes: PatchAt<"/orgs/:orgId/themes/:id">;
}
export type SettingItem<N extends SettingNoun> = Items[N];
type CreateBody<N extends SettingNoun> = Creates[N];
type PatchBody<N extends SettingNoun> = Patches[N];

/** What every list's items have, whatever the noun (the lists' shared screens rely on it). */
export interface SettingBase {
  id: string;
  name: string;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

interface SettingRoutes<N extends SettingNoun> {
  list(orgId: string, includeArchived: boolean): Promise<SettingItem<N>[]>;
  create(orgId: string, body: CreateBody<N>): Promise<SettingItem<N>>;
  update(orgId: string, id: string, patch: PatchBody<N>): Promise<SettingItem<N>>;
  archive(orgId: string, id: string, archived: boolean): Promise<SettingItem<N>>;
}

/**
 * Each list's routes, written out per noun so every call is checked against its declaration; the
 * mapped type lets one generic collection use them without losing which noun it holds.
 */
function settingRoutes(api: Api): { [N in SettingNoun]: SettingRoutes<N> } {
  const query = (includeArchived: boolean) => (includeArchived ? { archived: "include" } : {});
  return {
    locations: {
      list: async (orgId, all) => (await api.call("get", "/orgs/:orgId/locations", { param: { orgId }, query: query(all) })).items,
      create: (orgId, json) => api.call("post", "/orgs/:orgId/locations", { param: { orgId }, json }),
      update: (orgId, id, json) => api.call("patch", "/orgs/:orgId/locations/:id", { param: { orgId, id }, json }),
      archive: (orgId, id, archived) => api.call("patch", "/orgs/:orgId/locations/:id", { param: { orgId, id }, json: { archived } }),
    },
    "journey-stages": {
      list: async (orgId, all) => (await api.call("get", "/orgs/:orgId/journey-stages", { param: { orgId }, query: query(all) })).items,
      create: (orgId, json) => api.call("post", "/orgs/:orgId/journey-stages", { param: { orgId }, json }),
      update: (orgId, id, json) => api.call("patch", "/orgs/:orgId/journey-stages/:id", { param: { orgId, id }, json }),
      archive: (orgId, id, archived) => api.call("patch", "/orgs/:orgId/journey-stages/:id", { param: { orgId, id }, json: { archived } }),
    },
    segments: {
      list: async (orgId, all) => (await api.call("get", "/orgs/:orgId/segments", { param: { orgId }, query: query(all) })).items,
      create: (orgId, json) => api.call("post", "/orgs/:orgId/segments", { param: { orgId }, json }),
      update: (orgId, id, json) => api.call("patch", "/orgs/:orgId/segments/:id", { param: { orgId, id }, json }),
      archive: (orgId, id, archived) => api.call("patch", "/orgs/:orgId/segments/:id", { param: { orgId, id }, json: { archived } }),
    },
    themes: {
      list: async (orgId, all) => (await api.call("get", "/orgs/:orgId/themes", { param: { orgId }, query: query(all) })).items,
      create: (orgId, json) => api.call("post", "/orgs/:orgId/themes", { param: { orgId }, json }),
      update: (orgId, id, json) => api.call("patch", "/orgs/:orgId/themes/:id", { param: { orgId, id }, json }),
      archive: (orgId, id, archived) => api.call("patch", "/orgs/:orgId/themes/:id", { param: { orgId, id }, json: { archived } }),
    },
  };
}

/** Where focus goes when an archived row leaves the list, or after a restore. */
export const rowControlId = (id: string, control: "edit" | "archive" | "restore" | "up" | "down") => `setting-${id}-${control}`;

/**
 * One organisation setting list (locations, journey stages, segments, themes): load, create,
 * edit, archive with undo, and the "show archived" switch. Journey stages always load archived
 * ones too, because reordering must name every stage.
 */
export function createSettingCollection<N extends SettingNoun>(noun: N, options: { alwaysIncludeArchived?: boolean } = {}) {
  type T = SettingItem<N>;
  const { api, i18n, toaster } = useApp();
  const org = useOrg();
  const [showArchived, setShowArchived] = createSignal(false);
  const routes: SettingRoutes<N> = settingRoutes(api)[noun];
  const includeArchived = () => Boolean(options.alwaysIncludeArchived || showArchived());
  const remote = createRemote(
    () => `${org().orgId}/${noun}/${includeArchived() ? "all" : "live"}`,
    () => routes.list(org().orgId, includeArchived()),
  );
  const all = () => remote.value() ?? [];
  const replace = (item: T) => remote.update((list) => list.map((existing) => (existing.id === item.id ? item : existing)));

  async function update(id: string, patch: PatchBody<N>): Promise<T> {
    const item = await routes.update(org().orgId, id, patch);
    replace(item);
    return item;
  }

  async function setArchived(id: string, archived: boolean): Promise<T> {
    const item = await routes.archive(org().orgId, id, archived);
    replace(item);
    return item;
  }

  async function restore(item: T) {
    try {
      const restored = await routes.archive(org().orgId, item.id, false);
      if (all().some((existing) => existing.id === item.id)) replace(restored);
      else await remote.reload();
      toaster.show(i18n.t("settings.restored", { name: restored.name }));
      focusSoon(rowControlId(item.id, "archive"));
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
    async create(body: CreateBody<N>): Promise<T> {
      const item = await routes.create(org().orgId, body);
      // The server decides the order (by name, or by position for stages).
      await remote.reload();
      return item;
    },
    update,
    /** Archives and offers Undo; when the row disappears, focus goes to the list heading `focusId`. */
    async archive(item: T, focusId: string) {
      try {
        await setArchived(item.id, true);
        toaster.show(i18n.t("settings.archived", { name: item.name }), {
          action: { label: i18n.t("common.undo"), run: () => void restore(item) },
        });
        focusSoon(showArchived() ? rowControlId(item.id, "restore") : focusId);
      } catch (error) {
        toaster.show(describeError(i18n, error), { tone: "error" });
      }
    },
    restore,
  };
}

export type SettingCollection<N extends SettingNoun> = ReturnType<typeof createSettingCollection<N>>;

/**
 * What the lists' shared pieces (SettingList, SettingRow) use of a collection, for any noun:
 * methods, whose parameters TypeScript compares both ways, so every noun's collection fits.
 */
export interface AnySettingCollection {
  remote: { loading(): boolean; error(): unknown; value(): readonly SettingBase[] | undefined; reload(): Promise<void> };
  showArchived(): boolean;
  setShowArchived(on: boolean): void;
  visible(): readonly SettingBase[];
  restore(item: SettingBase): Promise<void>;
  archive(item: SettingBase, focusId: string): Promise<void>;
}
