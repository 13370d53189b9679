import { createEffect, createSignal, For, lazy, on, Show, Suspense } from "solid-js";
import { MAX_PHOTOS } from "../../../shared/limits";
import { Icon, type IconName } from "../components/Icon";
import { formatCount, LimitNote } from "../components/TextLimit";
import { useApp } from "../context";
import { useLocal } from "../data/local/context";
import { preparePhoto } from "../data/local/photos";
import { withTexts } from "../i18n";
import { createPhotoSource } from "./photo-source";

// The viewer and its texts load when a photo is first opened (the service worker keeps them for offline).
const PhotoViewer = lazy(withTexts(["photo"], () => import("./PhotoViewer")));

/**
 * A stored photo: the copy on this device when there is one (offline, or not uploaded yet),
 * otherwise the server's. Tapping it opens it in the app's viewer, to zoom in; closing the
 * viewer brings focus back to it.
 */
export function PhotoThumb(props: { sha256: string; alt: string }) {
  const { i18n } = useApp();
  const [failed, setFailed] = createSignal(false);
  const src = createPhotoSource(() => props.sha256);
  // A copy arriving on the device (fetched ahead) gets its chance after the server's failed.
  createEffect(on(src, () => setFailed(false), { defer: true }));
  const [viewing, setViewing] = createSignal(false);
  let opener: HTMLButtonElement | undefined;
  return (
    <Show when={src()}>
      {(url) => (
        <Show when={!failed()} fallback={<span class="photo-missing">{i18n.t("photo.notHere")}</span>}>
          <button ref={opener} type="button" class="photo-link" aria-haspopup="dialog" onClick={() => setViewing(true)}>
            <img class="photo" src={url()} alt={props.alt} loading="lazy" decoding="async" onError={() => setFailed(true)} />
          </button>
          <Show when={viewing()}>
            {/* Only the viewer waits for its code, never the screen around it. */}
            <Suspense>
              <PhotoViewer
                src={url()}
                alt={props.alt}
                title={props.alt}
                onClose={() => {
                  setViewing(false);
                  opener?.focus();
                }}
              />
            </Suspense>
          </Show>
        </Show>
      )}
    </Show>
  );
}

/**
 * Photos of a finding: the gallery, removing one, and adding up to MAX_PHOTOS (the limit is
 * shown; photos beyond it are not added, and the field says so) — straight from the camera, or
 * chosen from the phone's gallery (a camera-only input would keep photos taken earlier out).
 * Each new photo is made smaller and stored on this device before it counts as added.
 * The camera button is `<id>-camera`, the gallery's `<id>`.
 */
export function PhotoField(props: { id: string; photos: readonly string[]; readOnly?: boolean; onChange: (photos: string[]) => Promise<unknown> }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const { store } = useLocal();
  const [progress, setProgress] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const full = () => props.photos.length >= MAX_PHOTOS;
  const max = () => formatCount(i18n, MAX_PHOTOS);

  async function add(input: HTMLInputElement) {
    const chosen = [...(input.files ?? [])];
    input.value = "";
    if (chosen.length === 0 || busy()) return;
    const files = chosen.slice(0, Math.max(0, MAX_PHOTOS - props.photos.length));
    const refused = chosen.length - files.length;
    if (files.length === 0) {
      setProgress(t("photo.full", { max: max() }));
      return;
    }
    setBusy(true);
    const added: string[] = [];
    let failed = 0;
    try {
      for (const [index, file] of files.entries()) {
        setProgress(t("photo.preparing", { n: index + 1, count: files.length }));
        try {
          added.push(await store.savePhoto(await preparePhoto(file)));
        } catch {
          failed++;
        }
      }
      if (added.length > 0) await props.onChange([...props.photos, ...added.filter((sha) => !props.photos.includes(sha))]);
      const outcome = failed > 0 ? t("photo.failed", { count: failed }) : t("photo.added", { count: added.length });
      setProgress(refused > 0 ? `${outcome} ${t("photo.notAdded", { count: refused, max: max() })}` : outcome);
    } catch {
      setProgress(t("capture.saveFailed"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="field photo-field" role="group" aria-labelledby={`${props.id}-label`} aria-describedby={`${props.id}-limit-hint`}>
      <p id={`${props.id}-label`} class="field-label">
        {t("photo.heading")}
      </p>
      <p id={`${props.id}-limit-hint`} class="hint">
        {full() && !props.readOnly ? t("photo.full", { max: max() }) : t("photo.limit", { max: max() })}
      </p>
      <Show when={props.photos.length > 0} fallback={<p class="muted">{t("photo.none")}</p>}>
        <ul class="photo-grid">
          <For each={props.photos}>
            {(sha, index) => (
              <li>
                <PhotoThumb sha256={sha} alt={t("photo.alt", { n: index() + 1, count: props.photos.length })} />
                <Show when={!props.readOnly}>
                  <button
                    type="button"
                    class="button button-small button-quiet"
                    onClick={() => {
                      setProgress(t("photo.removed", { n: index() + 1 }));
                      // Once the finding no longer names it, a photo not uploaded yet leaves the device: it is never sent.
                      void props
                        .onChange(props.photos.filter((other) => other !== sha))
                        .then(() => store.forgetPhotos({ sha256: sha }))
                        .catch(() => setProgress(t("capture.saveFailed")));
                    }}
                  >
                    {t("photo.remove", { n: index() + 1 })}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={!props.readOnly}>
        <LimitNote id={props.id} fit={{ count: props.photos.length, max: MAX_PHOTOS, unit: "photos", problem: null }} />
        <div class="button-row photo-add-row">
          <PhotoPicker id={`${props.id}-camera`} camera icon="camera" label={t("photo.take")} disabled={full()} busy={busy()} describedBy={`${props.id}-limit-hint`} onFiles={add} />
          <PhotoPicker id={props.id} icon="gallery" label={t("photo.choose")} disabled={full()} busy={busy()} describedBy={`${props.id}-limit-hint`} onFiles={add} />
        </div>
      </Show>
      <p class="hint" role="status">
        {progress()}
      </p>
    </div>
  );
}

/**
 * A button that picks photos: `camera` opens the camera directly (one photo), otherwise the
 * phone offers its gallery and files (several at once). The input itself is the focusable
 * control, hidden inside its label so the whole button is the target.
 */
function PhotoPicker(props: { id: string; camera?: boolean; icon: IconName; label: string; disabled: boolean; busy: boolean; describedBy: string; onFiles: (input: HTMLInputElement) => Promise<void> }) {
  return (
    <label class="button button-secondary photo-add" aria-disabled={props.busy || props.disabled ? "true" : undefined}>
      <Icon name={props.icon} />
      <span>{props.label}</span>
      <input
        id={props.id}
        class="visually-hidden"
        type="file"
        accept="image/*"
        capture={props.camera ? "environment" : undefined}
        multiple={!props.camera}
        disabled={props.disabled}
        aria-describedby={props.describedBy}
        onChange={(event) => void props.onFiles(event.currentTarget)}
      />
    </label>
  );
}
