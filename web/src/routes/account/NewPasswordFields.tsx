import { useApp } from "../../context";
import { TextField } from "../../fields/Fields";
import type { MessageKey } from "../../i18n";

/** A new password and the same typed again, as the change and the reset ask for them. */
export function NewPasswordFields(props: {
  id: string;
  value: string;
  onValue: (value: string) => void;
  again: string;
  onAgain: (value: string) => void;
  error: string | undefined;
  againError: string | undefined;
}) {
  const { t } = useApp().i18n;
  return (
    <>
      <TextField
        id={props.id}
        type="password"
        label={t("password.new")}
        hint={t("password.newHint")}
        autocomplete="new-password"
        required
        minLength={8}
        value={props.value}
        onValue={props.onValue}
        error={props.error}
      />
      <TextField
        id={`${props.id}-again`}
        type="password"
        label={t("password.confirm")}
        autocomplete="new-password"
        required
        value={props.again}
        onValue={props.onAgain}
        error={props.againError}
      />
    </>
  );
}

/** The device's own checks of a new password (the server also refuses common ones): long enough, typed twice alike. */
export function newPasswordChecks(password: string, again: string, path: string): Record<string, MessageKey | false> {
  return {
    [path]: password.length < 8 && "issue.passwordLength",
    confirmPassword: password.length >= 8 && again !== password && "password.mismatch",
  };
}
