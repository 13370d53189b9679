import { describe, expect, it } from "vitest";
import { clampView, doubleTap, FIT, isDoubleTap, MAX_SCALE, pan, pinch, zoomAt, type Point, type View } from "./zoom";

const frame = { width: 360, height: 480 };
/** Where a spot of the fitted photo (from the frame's centre) is drawn in a view. */
const drawnAt = (view: View, spot: Point): Point => ({ x: view.x + view.scale * spot.x, y: view.y + view.scale * spot.y });

describe("zooming a photo", () => {
  it("keeps the spot under the fingers in place while pinching, and follows the fingers' middle", () => {
    const from = [{ x: 40, y: 50 }, { x: 80, y: 50 }] as const;
    const spread = [{ x: 20, y: 50 }, { x: 100, y: 50 }] as const;
    const view = pinch(FIT, from, spread, frame);
    expect(view.scale).toBe(2);
    // The spot between the fingers (60, 50) stays between them.
    expect(drawnAt(view, { x: 60, y: 50 })).toEqual({ x: 60, y: 50 });

    const moved = pinch(FIT, from, [{ x: 30, y: 70 }, { x: 110, y: 70 }], frame);
    expect(drawnAt(moved, { x: 60, y: 50 })).toEqual({ x: 70, y: 70 });
  });

  it("never shrinks below the whole photo nor grows past the maximum", () => {
    expect(pinch(FIT, [{ x: 0, y: 0 }, { x: 100, y: 0 }], [{ x: 40, y: 0 }, { x: 60, y: 0 }], frame)).toEqual(FIT);
    expect(zoomAt(FIT, 40, { x: 0, y: 0 }, frame).scale).toBe(MAX_SCALE);
  });

  it("cannot drag an edge of the photo into the frame", () => {
    const zoomed = zoomAt(FIT, 2, { x: 0, y: 0 }, frame);
    expect(pan(zoomed, { x: 1000, y: -1000 }, frame)).toEqual({ scale: 2, x: 180, y: -240 });
    expect(pan(FIT, { x: 50, y: 50 }, frame)).toEqual(FIT);
    expect(clampView({ scale: 1, x: 30, y: 0 }, frame)).toEqual(FIT);
  });

  it("zooms in on a double-tapped spot, and a second double tap shows the whole photo again", () => {
    const spot = { x: 50, y: -40 };
    const zoomed = doubleTap(FIT, spot, frame);
    expect(zoomed.scale).toBe(2.5);
    expect(drawnAt(zoomed, spot)).toEqual(spot);
    expect(doubleTap(zoomed, spot, frame)).toEqual(FIT);
  });

  it("counts two quick taps close together as a double tap, not two slow or distant ones", () => {
    const first = { at: { x: 0, y: 0 }, time: 1000 };
    expect(isDoubleTap(first, { at: { x: 10, y: 5 }, time: 1250 })).toBe(true);
    expect(isDoubleTap(first, { at: { x: 10, y: 5 }, time: 1400 })).toBe(false);
    expect(isDoubleTap(first, { at: { x: 80, y: 0 }, time: 1100 })).toBe(false);
    expect(isDoubleTap(undefined, first)).toBe(false);
  });
});
