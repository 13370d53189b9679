import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { MAX_PHOTOS, TEXT_MAX } from "../../../../shared/limits";
import type { MysteryAnswer, MysteryQuestion } from "../../../../shared/schemas/mystery";
import { FormMessage, SelectField, SubmitButton, TextField } from "../../fields/Fields";
import { formatCount, LimitNote, tooLong } from "../../components/TextLimit";
import { useApp } from "../../context";
import { useLocal } from "../../data/local/context";
import { preparePhoto } from "../../data/local/photos";
import type { Entity } from "../../data/local/types";
import { defaultSeverity, findingText } from "./shop";

interface TakenPhoto {
  sha256: string;
  url: string;
}

/**
 * A finding raised from one answer of a mystery shop: what was seen (prefilled from the
 * question, the answer and the note), how bad it is, and photos as evidence. Saved on the
 * device first, so it works offline; photos go to the server before the finding that names them.
 */
export function RaiseFinding(props: { shop: Entity<"mystery_shop">; question: MysteryQuestion; answer: MysteryAnswer | undefined; onClose: () => void }) {
  const { i18n, toaster } = useApp();
  const { t } = i18n;
  const local = useLocal();
  const base = `finding-${props.question.id}`;

  const answerText = (): string | null => {
    const answer = props.answer;
    if (!answer) return null;
    if (answer.na) return t("mystery.answer.na");
    if (answer.value === true) return t("mystery.answer.yes");
    if (answer.value === false) return t("mystery.answer.no");
    if (typeof answer.value === "number") return t("mystery.answer.scaleValue", { value: answer.value });
    if (typeof answer.value === "string" && answer.value.trim()) return answer.value.trim();
    return null;
  };

  const [saw, setSaw] = createSignal(findingText(props.question, answerText(), props.answer?.note));
  const [severity, setSeverity] = createSignal(String(defaultSeverity(props.question, props.answer)));
  const [photos, setPhotos] = createSignal<TakenPhoto[]>([]);
  const [photoBusy, setPhotoBusy] = createSignal(false);
  const [photoMessage, setPhotoMessage] = createSignal("");
  const [sawError, setSawError] = createSignal<string | undefined>();
  const [message, setMessage] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let form: HTMLFormElement | undefined;
  let photoInput: HTMLInputElement | undefined;

  onMount(() => form?.querySelector<HTMLElement>("textarea")?.focus());
  onCleanup(() => photos().forEach((p) => URL.revokeObjectURL(p.url)));

  async function addPhotos(files: FileList | null) {
    if (!files || files.length === 0) return;
    // Beyond MAX_PHOTOS nothing is added, and the message says how many were left out.
    const room = Math.max(0, MAX_PHOTOS - photos().length);
    const refused = Math.max(0, files.length - room);
    if (room === 0) {
      setPhotoMessage(t("photo.full", { max: formatCount(i18n, MAX_PHOTOS) }));
      if (photoInput) photoInput.value = "";
      return;
    }
    setPhotoBusy(true);
    setPhotoMessage(t("mystery.finding.photoProcessing"));
    let failed = 0;
    for (const file of Array.from(files).slice(0, room)) {
      try {
        const blob = await preparePhoto(file);
        const sha256 = await local.store.savePhoto(blob);
        if (!photos().some((p) => p.sha256 === sha256)) setPhotos((list) => [...list, { sha256, url: URL.createObjectURL(blob) }]);
      } catch {
        failed++;
      }
    }
    setPhotoBusy(false);
    const outcome = failed > 0 ? t("mystery.finding.photoFailed") : t("mystery.finding.photoAdded", { count: photos().length });
    setPhotoMessage(refused > 0 ? `${outcome} ${t("photo.notAdded", { count: refused, max: formatCount(i18n, MAX_PHOTOS) })}` : outcome);
    if (photoInput) photoInput.value = "";
  }

  function removePhoto(photo: TakenPhoto, index: number) {
    URL.revokeObjectURL(photo.url);
    setPhotos((list) => list.filter((p) => p.sha256 !== photo.sha256));
    // Not saved with a finding yet: it leaves the device unless a finding names it already.
    void local.store.forgetPhotos({ sha256: photo.sha256 }).catch(() => undefined);
    setPhotoMessage(t("mystery.finding.photoRemoved", { count: photos().length }));
    // Keep focus in the list: on the next photo's remove button, or the add-photo control.
    queueMicrotask(() => {
      const buttons = form?.querySelectorAll<HTMLButtonElement>(".photo-remove");
      (buttons?.[Math.min(index, (buttons?.length ?? 1) - 1)] ?? photoInput)?.focus();
    });
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy() || photoBusy()) return;
    setMessage(null);
    if (!saw().trim() || tooLong(saw(), TEXT_MAX)) {
      // Too long says so beside the field already (its limit note); nothing is cut or saved.
      setSawError(saw().trim() ? undefined : t("issue.required"));
      queueMicrotask(() => document.getElementById(`${base}-saw`)?.focus());
      return;
    }
    setSawError(undefined);
    setBusy(true);
    try {
      await local.store.change("finding", crypto.randomUUID(), {
        visitId: props.shop.visitId ?? null,
        mysteryShopId: props.shop.id,
        journeyStageId: null,
        locationId: props.shop.locationId ?? null,
        segmentId: null,
        themeId: null,
        saw: saw().trim(),
        felt: "",
        expectation: "",
        severity: Number(severity()),
        sentiment: "pain",
        level: null,
        status: "new",
        tags: ["mystery-shop"],
        photos: photos().map((p) => p.sha256),
      });
      toaster.show(t("mystery.finding.saved"));
      props.onClose();
    } catch {
      setMessage(t("mystery.saveFailed"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      ref={form}
      class="finding-form stack"
      aria-label={t("mystery.finding.formLabel", { question: props.question.text })}
      novalidate
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          props.onClose();
        }
      }}
    >
      <TextField id={`${base}-saw`} label={t("mystery.finding.saw")} multiline value={saw()} onValue={setSaw} error={sawError()} limit={TEXT_MAX} />
      <SelectField
        id={`${base}-severity`}
        label={t("mystery.finding.severity")}
        value={severity()}
        onValue={setSeverity}
        choices={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t(`mystery.finding.severity${n as 1 | 2 | 3 | 4 | 5}`) }))}
      />
      <div class="field">
        <label for={`${base}-photo`}>{t("mystery.finding.addPhoto")}</label>
        <p class="hint" id={`${base}-photo-hint`}>
          {t("mystery.finding.photoHint")} {t("photo.limit", { max: formatCount(i18n, MAX_PHOTOS) })}
        </p>
        <input
          ref={photoInput}
          id={`${base}-photo`}
          class="photo-input"
          type="file"
          accept="image/*"
          multiple
          aria-describedby={`${base}-photo-hint`}
          onChange={(event) => void addPhotos(event.currentTarget.files)}
        />
        <LimitNote id={`${base}-photo`} fit={{ count: photos().length, max: MAX_PHOTOS, unit: "photos", problem: null }} />
        <p class="photo-status" role="status">
          {photoMessage()}
        </p>
        <Show when={photos().length > 0}>
          <ul class="photo-list">
            <For each={photos()}>
              {(photo, index) => (
                <li>
                  <img src={photo.url} alt={t("mystery.finding.photoAlt", { number: index() + 1 })} />
                  <button type="button" class="button button-small button-quiet photo-remove" onClick={() => removePhoto(photo, index())}>
                    {t("mystery.finding.removePhoto", { number: index() + 1 })}
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>
      <FormMessage message={message()} />
      <div class="button-row">
        <SubmitButton busy={busy() || photoBusy()} label={t("mystery.finding.save")} busyLabel={photoBusy() ? t("mystery.finding.photoProcessing") : t("common.saving")} />
        <button type="button" class="button button-secondary" onClick={() => props.onClose()}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
