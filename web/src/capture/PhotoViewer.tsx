import { createSignal, onCleanup, onMount } from "solid-js";
import { useApp } from "../context";
import { doubleTap, FIT, isDoubleTap, pan, pinch, TAP_SLOP_PX, zoomAt, ZOOM_STEP, type Point, type View } from "./zoom";

const PAN_KEY_PX = 48;
const PAN_KEYS: Record<string, Point> = { ArrowLeft: { x: PAN_KEY_PX, y: 0 }, ArrowRight: { x: -PAN_KEY_PX, y: 0 }, ArrowUp: { x: 0, y: PAN_KEY_PX }, ArrowDown: { x: 0, y: -PAN_KEY_PX } };

/**
 * A photo over the screen, inside the app: pinch or double-tap to zoom and drag to look around;
 * the buttons and keys (+, −, 0, arrows) do the same from a keyboard. A modal dialog named by its
 * title: focus stays inside it, Escape (or the back gesture's cancel) closes it.
 */
export default function PhotoViewer(props: { src: string; alt: string; title: string; onClose: () => void }) {
  const { t } = useApp().i18n;
  const [view, setView] = createSignal<View>(FIT);
  const [announced, setAnnounced] = createSignal("");
  let dialog!: HTMLDialogElement;
  let frame!: HTMLDivElement;
  let closeButton!: HTMLButtonElement;

  onMount(() => {
    // Browsers without <dialog> (older Safari) still show it; the keyboard trap below keeps focus in.
    if (typeof dialog.showModal === "function") dialog.showModal();
    else dialog.setAttribute("open", "");
    closeButton.focus();
  });
  onCleanup(() => dialog.open && dialog.close?.());

  const box = () => {
    const rect = frame.getBoundingClientRect();
    return { rect, size: { width: rect.width, height: rect.height } };
  };
  const fromCentre = (event: { clientX: number; clientY: number }): Point => {
    const { rect } = box();
    return { x: event.clientX - rect.left - rect.width / 2, y: event.clientY - rect.top - rect.height / 2 };
  };
  /** A change from a button or a key, said in words (a pinch is seen, not announced). */
  const step = (next: View) => {
    setView(next);
    setAnnounced(t("photoViewer.zoomLevel", { percent: `${Math.round(next.scale * 100)} %` }));
  };
  const zoomBy = (factor: number) => step(zoomAt(view(), view().scale * factor, { x: 0, y: 0 }, box().size));

  // Pointers on the photo: one drags (when zoomed), two pinch, a quick second tap zooms.
  const pointers = new Map<number, Point>();
  let gesture: { view: View; from: Point[] } | undefined;
  let tap: { at: Point; time: number; moved: boolean } | undefined;
  let lastTap: { at: Point; time: number } | undefined;
  const begin = () => (gesture = { view: view(), from: [...pointers.values()] });

  function onPointerDown(event: PointerEvent) {
    frame.setPointerCapture?.(event.pointerId);
    pointers.set(event.pointerId, fromCentre(event));
    tap = pointers.size === 1 ? { at: fromCentre(event), time: event.timeStamp, moved: false } : undefined;
    begin();
  }
  function onPointerMove(event: PointerEvent) {
    if (!pointers.has(event.pointerId) || !gesture) return;
    const at = fromCentre(event);
    pointers.set(event.pointerId, at);
    if (tap && Math.hypot(at.x - tap.at.x, at.y - tap.at.y) > TAP_SLOP_PX) tap.moved = true;
    const now = [...pointers.values()];
    if (now.length === 2 && gesture.from.length === 2) setView(pinch(gesture.view, [gesture.from[0]!, gesture.from[1]!], [now[0]!, now[1]!], box().size));
    else if (now.length === 1 && gesture.from.length === 1) setView(pan(gesture.view, { x: now[0]!.x - gesture.from[0]!.x, y: now[0]!.y - gesture.from[0]!.y }, box().size));
  }
  function onPointerEnd(event: PointerEvent) {
    if (!pointers.delete(event.pointerId)) return;
    // The finger left behind after a pinch drags on from where it is now.
    begin();
    if (event.type !== "pointerup" || !tap || tap.moved || pointers.size > 0) return;
    const done = { at: tap.at, time: event.timeStamp };
    if (isDoubleTap(lastTap, done)) {
      step(doubleTap(view(), done.at, box().size));
      lastTap = undefined;
    } else lastTap = done;
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Escape") {
      event.preventDefault();
      props.onClose();
    } else if (event.key === "Tab") {
      // Focus goes round the viewer's controls, never to the screen behind it.
      const controls = [...dialog.querySelectorAll<HTMLElement>("button:not(:disabled)")];
      const first = controls[0];
      const last = controls[controls.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first?.focus();
      }
    } else if (event.key === "+" || event.key === "=") zoomBy(ZOOM_STEP);
    else if (event.key === "-") zoomBy(1 / ZOOM_STEP);
    else if (event.key === "0") step(FIT);
    else if (PAN_KEYS[event.key] && view().scale > 1) {
      event.preventDefault();
      setView(pan(view(), PAN_KEYS[event.key]!, box().size));
    }
  }

  return (
    <dialog
      ref={dialog}
      class="photo-viewer"
      aria-labelledby="photo-viewer-title"
      aria-describedby="photo-viewer-hint"
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <div class="photo-viewer-bar">
        <h2 id="photo-viewer-title">{props.title}</h2>
        <button type="button" class="button button-small button-secondary" aria-label={t("photoViewer.zoomOut")} onClick={() => zoomBy(1 / ZOOM_STEP)}>
          <span aria-hidden="true">−</span>
        </button>
        <button type="button" class="button button-small button-secondary" aria-label={t("photoViewer.zoomIn")} onClick={() => zoomBy(ZOOM_STEP)}>
          <span aria-hidden="true">+</span>
        </button>
        <button type="button" class="button button-small button-secondary" onClick={() => step(FIT)}>
          {t("photoViewer.fit")}
        </button>
        <button ref={closeButton} type="button" class="button button-small" onClick={() => props.onClose()}>
          {t("photoViewer.close")}
        </button>
      </div>
      <div
        ref={frame}
        class="photo-viewer-frame"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
        onWheel={(event) => {
          event.preventDefault();
          setView(zoomAt(view(), view().scale * (event.deltaY < 0 ? 1.1 : 1 / 1.1), fromCentre(event), box().size));
        }}
      >
        <img
          class="photo-viewer-image"
          src={props.src}
          alt={props.alt}
          draggable={false}
          style={{ transform: `translate(${view().x}px, ${view().y}px) scale(${view().scale})` }}
          data-scale={view().scale}
        />
      </div>
      <p id="photo-viewer-hint" class="hint">
        {t("photoViewer.hint")}
      </p>
      <p class="visually-hidden" role="status">
        {announced()}
      </p>
    </dialog>
  );
}
