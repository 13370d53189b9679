// Free of zod, so the device's sync engine can read cursors without loading the wire schemas.

/** Cursors are opaque to clients: `v1.<sequence>`; the sequence orders every change in the database. */
export function formatCursor(sequence: number): string {
  return `v1.${sequence}`;
}
export function parseCursor(text: string | undefined | null): number | null {
  if (text === undefined || text === null || text === "") return 0;
  const match = /^v1\.(\d{1,15})$/.exec(text);
  return match ? Number(match[1]) : null;
}
