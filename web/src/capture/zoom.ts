/**
 * Zooming a photo in the in-app viewer: pinch, double-tap, buttons and keys all move one view.
 * Points are in CSS pixels from the centre of the viewer's frame; the photo is drawn fitted in
 * the frame, then `translate(x, y) scale(scale)` about its centre. Pure, so tested without a browser.
 */
export interface View {
  scale: number;
  x: number;
  y: number;
}
export interface Point {
  x: number;
  y: number;
}
export interface Size {
  width: number;
  height: number;
}

export const FIT: View = { scale: 1, x: 0, y: 0 };
export const MAX_SCALE = 5;
/** One press of "zoom in" or "zoom out". */
export const ZOOM_STEP = 1.5;
/** Where a double tap on a fitted photo goes. */
export const DOUBLE_TAP_SCALE = 2.5;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Within 1× to MAX_SCALE, and never dragged so far that an edge of the photo leaves the frame's edge. */
export function clampView(view: View, frame: Size): View {
  const scale = clamp(view.scale, 1, MAX_SCALE);
  const maxX = (frame.width * (scale - 1)) / 2;
  const maxY = (frame.height * (scale - 1)) / 2;
  return { scale, x: clamp(view.x, -maxX, maxX), y: clamp(view.y, -maxY, maxY) };
}

/** Zooms to `scale` keeping the spot under `at` where it is (the fingers' or the pointer's spot). */
export function zoomAt(view: View, scale: number, at: Point, frame: Size): View {
  const next = clamp(scale, 1, MAX_SCALE);
  const k = next / view.scale;
  return clampView({ scale: next, x: at.x - k * (at.x - view.x), y: at.y - k * (at.y - view.y) }, frame);
}

export function pan(view: View, by: Point, frame: Size): View {
  return clampView({ ...view, x: view.x + by.x, y: view.y + by.y }, frame);
}

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
const middle = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

/**
 * Two fingers moved from `from` to `to` since the pinch began at `start`: the photo grows with
 * the distance between them, about the spot where they began, and follows their middle.
 */
export function pinch(start: View, from: readonly [Point, Point], to: readonly [Point, Point], frame: Size): View {
  const before = distance(...from);
  const scale = before > 0 ? (start.scale * distance(...to)) / before : start.scale;
  const m0 = middle(...from);
  const m1 = middle(...to);
  const next = clamp(scale, 1, MAX_SCALE);
  const k = next / start.scale;
  return clampView({ scale: next, x: m0.x - k * (m0.x - start.x) + (m1.x - m0.x), y: m0.y - k * (m0.y - start.y) + (m1.y - m0.y) }, frame);
}

/** A double tap zooms in on the spot, or back to the whole photo when zoomed in already. */
export function doubleTap(view: View, at: Point, frame: Size): View {
  return view.scale > 1 ? FIT : zoomAt(view, DOUBLE_TAP_SCALE, at, frame);
}

/** Two taps count as a double tap within this time and distance of each other. */
export const DOUBLE_TAP_MS = 300;
export const TAP_SLOP_PX = 24;
export const isDoubleTap = (first: { at: Point; time: number } | undefined, second: { at: Point; time: number }) =>
  first !== undefined && second.time - first.time <= DOUBLE_TAP_MS && distance(first.at, second.at) <= TAP_SLOP_PX;
