import type { Accessor } from "solid-js";
import type { Role } from "../../../shared/roles";
import { useApp, useOrg } from "../context";
import type { Api } from "./api";
import { createRemote, sharedRequest, textCache } from "./remote";

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
}

/** Asked at most this often; in between, every screen and owner picker shares the last answer. */
const MEMBERS_FRESH_MS = 5 * 60_000;

const membersCache = textCache<Member[]>(
  (orgId) => `chefsache.members.${orgId}`,
  (stored) => {
    try {
      const parsed = JSON.parse(stored ?? "[]") as unknown;
      return Array.isArray(parsed) ? (parsed as Member[]) : [];
    } catch {
      return []; // A damaged cache is the same as none.
    }
  },
  (members) => JSON.stringify(members),
);

/** GET …/members, shared by everyone who asks within a few minutes (the page asks it as it starts: ahead.ts). */
export function askMembers(api: Api, orgId: string) {
  return sharedRequest(`members ${orgId}`, () => api.call("get", "/orgs/:orgId/members", { param: { orgId } }), MEMBERS_FRESH_MS);
}

/**
 * The organisation's members (action owners, visit authors). They are not synced: fetched when
 * online (at most every few minutes) and kept in localStorage, so owners can still be chosen
 * and shown offline.
 */
export function useMembers(): Accessor<Member[]> {
  const { api, session } = useApp();
  const org = useOrg();
  const remote = createRemote(
    () => org().orgId,
    async (orgId) => {
      const { members } = await askMembers(api, orgId);
      return members.map(({ userId, name, email, role }) => ({ userId, name, email, role }));
    },
    { cache: membersCache, ask: session.online },
  );
  return () => remote.value() ?? [];
}

/** A member's name; yourself as "you"-ish label is the caller's choice. */
export function memberName(members: readonly Member[], userId: string | null | undefined): string | undefined {
  return userId ? members.find((m) => m.userId === userId)?.name : undefined;
}

/**
 * A person's name for what they recorded ("fixed per …"): a member's name, one's own name even
 * before the members list has arrived, else `fallback` (someone who has left, say).
 */
export function usePersonName(fallback: () => string): (userId: string) => string {
  const { session } = useApp();
  const members = useMembers();
  return (userId) => memberName(members(), userId) ?? (session.session()?.user.id === userId ? session.session()?.user.name : undefined) ?? fallback();
}

/** Owners to choose from: the members known on this device, and always oneself, by name. */
export function ownerChoices(members: readonly Member[], me: { id: string; name: string }, noOwner: string) {
  const people = members.some((m) => m.userId === me.id) ? members : [{ userId: me.id, name: me.name }, ...members];
  return [{ value: "", label: noOwner }, ...[...people].sort((a, b) => a.name.localeCompare(b.name)).map((m) => ({ value: m.userId, label: m.name }))];
}
