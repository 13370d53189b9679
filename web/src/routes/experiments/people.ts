import type { Member } from "../../data/members";

/** Owners to choose from: the members known on this device, and always oneself. */
export function ownerChoices(members: readonly Member[], me: { id: string; name: string }, noOwner: string) {
  const people = members.some((m) => m.userId === me.id) ? members : [{ userId: me.id, name: me.name }, ...members];
  return [{ value: "", label: noOwner }, ...[...people].sort((a, b) => a.name.localeCompare(b.name)).map((m) => ({ value: m.userId, label: m.name }))];
}
