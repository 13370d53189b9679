import type { Entity } from "./types";
import { FETCHED_PHOTOS_MAX, type LocalStore } from "./store";

/**
 * Photos fetched ahead into the device's photo store, so a colleague's photo shows in a shop
 * with no signal: those of a briefing's findings as it opens, and after every sync those of the
 * open findings at the places this person visits.
 */

/** How far back "the places this person visits" reaches. */
export const RECENT_PLACES_DAYS = 60;
/** Photos fetched ahead after one sync at most, newest findings first (the rest after the next). */
export const AHEAD_PER_SYNC = 40;
/** Photos fetched ahead for one briefing at most, newest findings first: half of what the device keeps. */
export const AHEAD_PER_BRIEFING = FETCHED_PHOTOS_MAX / 2;

type Finding = Pick<Entity<"finding">, "locationId" | "status" | "photos" | "createdAt">;
type Visit = Pick<Entity<"visit">, "locationId" | "authorId" | "startedAt" | "createdAt">;

/** The photos of open (not closed) findings, newest finding first, each photo once. */
export function photosOfOpenFindings(findings: readonly Finding[]): string[] {
  const open = findings.filter((f) => f.status !== "closed" && (f.photos?.length ?? 0) > 0);
  open.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  return [...new Set(open.flatMap((f) => f.photos ?? []))];
}

/** The photos worth having before the next visit: of open findings at the places `userId` visited lately. */
export function photosForMyPlaces(findings: readonly Finding[], visits: readonly Visit[], userId: string, now: Date): string[] {
  const since = new Date(now.getTime() - RECENT_PLACES_DAYS * 86_400_000).toISOString();
  const places = new Set(visits.filter((v) => v.authorId === userId && v.locationId && (v.startedAt ?? v.createdAt) >= since).map((v) => v.locationId));
  return photosOfOpenFindings(findings.filter((f) => f.locationId && places.has(f.locationId)));
}

export interface PhotosAhead {
  /** Fetches those of `sha256s` the device lacks, in order (up to AHEAD_PER_BRIEFING); stops at the first network failure. */
  fetch(sha256s: readonly string[]): Promise<void>;
  /** Fetches ahead the photos of the places this person visits. */
  forMyPlaces(): Promise<void>;
  /** The same a moment from now, once for a burst of calls (a pull arrives in slices). */
  forMyPlacesSoon(): void;
  /** Stops a pending `forMyPlacesSoon` (the store is closing). */
  stop(): void;
}

const SOON_MS = 2_000;

/**
 * One queue per device store: a photo asked for twice is fetched once, and runs do not overlap.
 * `url` names a photo on the server; `fetchPhoto` is `fetch` (a test passes its own).
 */
export function createPhotosAhead(store: LocalStore, url: (sha256: string) => string, fetchPhoto: typeof fetch = (...args) => globalThis.fetch(...args)): PhotosAhead {
  let queue: Promise<void> = Promise.resolve();

  async function run(sha256s: readonly string[], limit: number) {
    const here = await store.photosHere(sha256s);
    const wanted = sha256s.filter((sha) => !here.has(sha)).slice(0, limit);
    let kept = 0;
    try {
      for (const sha of wanted) {
        let response: Response;
        try {
          response = await fetchPhoto(url(sha), { credentials: "same-origin" });
        } catch {
          return; // Offline: the next sync, or the next briefing, tries again.
        }
        if (!response.ok) continue; // Not on the server (yet): skip it, not the rest.
        if (await store.keepFetchedPhoto(sha, await response.blob())) kept++;
      }
    } finally {
      // The copies this run wanted are not the ones to make room for the next.
      if (kept > 0) await store.trimFetchedPhotos(new Set(sha256s));
    }
  }

  // A failed run (the store closed meanwhile, say) must not stop the ones after it.
  const enqueue = (job: () => Promise<void>) => (queue = queue.then(job).catch(() => undefined));
  const forMyPlaces = () =>
    enqueue(async () => {
      const [findings, visits] = await Promise.all([store.list("finding"), store.list("visit")]);
      await run(photosForMyPlaces(findings, visits, store.userId, new Date()), AHEAD_PER_SYNC);
    });
  let soon: ReturnType<typeof setTimeout> | undefined;

  return {
    fetch: (sha256s) => enqueue(() => run(sha256s, AHEAD_PER_BRIEFING)),
    forMyPlaces,
    forMyPlacesSoon() {
      clearTimeout(soon);
      soon = setTimeout(() => void forMyPlaces(), SOON_MS);
    },
    stop: () => clearTimeout(soon),
  };
}
