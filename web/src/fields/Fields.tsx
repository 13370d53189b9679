import { For, Show, splitProps, type JSX } from "solid-js";
import { useApp } from "../context";
import { LimitNote, limitDescribedBy, textFit } from "../components/TextLimit";

interface FieldBase {
  id: string;
  label: string;
  /** Message from validation; marks the control invalid and is read with it. */
  error?: string | undefined;
  hint?: string | undefined;
  /** Keeps the label for assistive technology only (inline rows where the context is visible). */
  hideLabel?: boolean;
}

function describedBy(props: FieldBase, more: readonly string[] = []): string | undefined {
  const ids = [props.hint ? hintId(props.id) : "", props.error ? `${props.id}-error` : "", ...more].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function FieldFrame(props: FieldBase & { children: JSX.Element; class?: string; after?: JSX.Element }) {
  return (
    <div class={props.class ?? "field"} classList={{ "field-invalid": Boolean(props.error) }}>
      <label for={props.id} classList={{ "visually-hidden": props.hideLabel === true }}>
        {props.label}
      </label>
      <Hint for={props.id} text={props.hint} />
      {props.children}
      <Show when={props.error}>
        <p id={`${props.id}-error`} class="field-error">
          {props.error}
        </p>
      </Show>
      {props.after}
    </div>
  );
}

// No `maxLength`: the browser cuts pasted text to it without a word; `limit` counts and refuses instead.
type InputAttributes = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onInput" | "type" | "maxLength">;

/**
 * A labelled text input or textarea. With a `limit` (shared/limits.ts) a counter shows near it
 * and a longer text is marked with the reason; the form's submit must refuse it too (`tooLong`).
 */
export function TextField(
  props: FieldBase &
    InputAttributes & {
      value: string;
      onValue: (value: string) => void;
      type?: "text" | "email" | "password" | "url";
      multiline?: boolean;
      limit?: number;
    },
) {
  const { i18n } = useApp();
  const [field, rest] = splitProps(props, ["id", "label", "error", "hint", "hideLabel", "value", "onValue", "type", "multiline", "limit"]);
  // The form's own message about the field (after a submit) stands in for the live refusal.
  const fit = () => {
    if (field.limit === undefined) return null;
    const fit = textFit(i18n, field.value, field.limit);
    return field.error ? { ...fit, problem: null } : fit;
  };
  const invalid = () => (field.error || fit()?.problem ? "true" : undefined);
  const described = () => describedBy(field, limitDescribedBy(field.id, fit()));
  return (
    <FieldFrame {...field} after={<Show when={fit()}>{(fit) => <LimitNote id={field.id} fit={fit()} />}</Show>}>
      <Show
        when={field.multiline}
        fallback={
          <input
            {...rest}
            id={field.id}
            type={field.type ?? "text"}
            value={field.value}
            onInput={(event) => field.onValue(event.currentTarget.value)}
            aria-invalid={invalid()}
            aria-describedby={described()}
          />
        }
      >
        <textarea
          id={field.id}
          name={rest.name}
          rows={3}
          value={field.value}
          onInput={(event) => field.onValue(event.currentTarget.value)}
          aria-invalid={invalid()}
          aria-describedby={described()}
        />
      </Show>
    </FieldFrame>
  );
}

export interface Choice {
  value: string;
  label: string;
}

export function SelectField(
  props: FieldBase & {
    value: string;
    onValue: (value: string) => void;
    choices: readonly Choice[];
    disabled?: boolean;
    class?: string;
  },
) {
  return (
    <FieldFrame {...props}>
      <select
        id={props.id}
        disabled={props.disabled}
        onChange={(event) => props.onValue(event.currentTarget.value)}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(props)}
      >
        <For each={props.choices}>
          {(choice) => (
            <option value={choice.value} selected={choice.value === props.value}>
              {choice.label}
            </option>
          )}
        </For>
      </select>
    </FieldFrame>
  );
}

export function CheckboxField(props: { id: string; label: string; checked: boolean; onValue: (checked: boolean) => void; hint?: string; disabled?: boolean }) {
  return (
    <div class="check-field">
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        onChange={(event) => props.onValue(event.currentTarget.checked)}
        aria-describedby={props.hint ? hintId(props.id) : undefined}
      />
      <label for={props.id}>{props.label}</label>
      <Hint for={props.id} text={props.hint} />
    </div>
  );
}

/** The form-level message: announced as soon as it appears. */
export function FormMessage(props: { message: string | null }) {
  return (
    <div class="form-message" role="alert">
      <Show when={props.message}>
        <p class="notice notice-error">{props.message}</p>
      </Show>
    </div>
  );
}

/**
 * A submit button that stays focusable while its form is busy (a disabled button would drop
 * keyboard focus); the submission itself ignores repeated presses.
 */
export function SubmitButton(props: { busy: boolean; label: string; busyLabel?: string; class?: string }) {
  return (
    <button type="submit" class={props.class ?? "button button-primary"} aria-disabled={props.busy ? "true" : undefined}>
      {props.busy && props.busyLabel ? props.busyLabel : props.label}
    </button>
  );
}

/**
 * A calendar date (YYYY-MM-DD), empty when none is chosen. `onValue` hears every change as it
 * is typed; `onCommit` once the date is chosen (the input's change), for a field that saves itself.
 */
export function DateField(props: FieldBase & { value: string; onValue?: (value: string) => void; onCommit?: (value: string) => void; disabled?: boolean; min?: string; max?: string }) {
  return (
    <FieldFrame {...props}>
      <input
        id={props.id}
        type="date"
        value={props.value}
        disabled={props.disabled}
        min={props.min}
        max={props.max}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? true : undefined}
        onInput={(event) => props.onValue?.(event.currentTarget.value)}
        onChange={(event) => props.onCommit?.(event.currentTarget.value)}
      />
    </FieldFrame>
  );
}

/** The id of a field's hint, which the field names in `aria-describedby` so it is read out with it. */
export const hintId = (id: string) => `${id}-hint`;

/** A field's hint (nothing when there is none). */
export function Hint(props: { for: string; text: string | undefined }) {
  return (
    <Show when={props.text}>
      <p id={hintId(props.for)} class="hint">
        {props.text}
      </p>
    </Show>
  );
}

interface AccountFieldProps {
  id: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
}

/** An e-mail address, with the keyboard a phone offers for one; `username` lets a password manager fill it. */
export function EmailField(props: AccountFieldProps & { autocomplete: "username" | "off" }) {
  const { i18n } = useApp();
  return (
    <TextField
      id={props.id}
      label={i18n.t("field.email")}
      type="email"
      inputmode="email"
      autocomplete={props.autocomplete}
      required
      value={props.value}
      onValue={props.onValue}
      error={props.error}
    />
  );
}

/** A password: one being chosen (`fresh`) gets the password manager's suggestion and the length hint. */
export function PasswordField(props: AccountFieldProps & { fresh: boolean; minLength?: number }) {
  const { i18n } = useApp();
  return (
    <TextField
      id={props.id}
      label={i18n.t("field.password")}
      type="password"
      autocomplete={props.fresh ? "new-password" : "current-password"}
      required
      minLength={props.minLength}
      hint={props.fresh ? i18n.t("field.passwordHint") : undefined}
      value={props.value}
      onValue={props.onValue}
      error={props.error}
    />
  );
}
