import { useApp } from "../context";
import { TextField } from "../fields/Fields";

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
