import { LanguageSwitch } from "../components/LanguageSwitch";
import { createSignal, Show } from "solid-js";
import { FormMessage, SubmitButton } from "../fields/Fields";
import { EmailField, PasswordField } from "../fields/Fields";
import { createSubmission, localIssues, looksLikeEmail } from "../fields/form";
import { AnonymousOnly } from "../components/Guards";
import { Page } from "../components/Page";
import { useApp } from "../context";

export default function Login() {
  return (
    <AnonymousOnly>
      <LoginForm />
    </AnonymousOnly>
  );
}

function LoginForm() {
  const { session, i18n } = useApp();
  const { t } = i18n;
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const submission = createSubmission();
  let form: HTMLFormElement | undefined;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    // On success the session changes and AnonymousOnly moves on (to ?next= when it names an org page).
    await submission.run(() => session.login(email(), password()), {
      form,
      local: localIssues(i18n, {
        email: !looksLikeEmail(email()) && "issue.email",
        password: !password() && "issue.required",
      }),
      explain: (error) => (error.code === "invalid_credentials" ? t("login.wrong") : undefined),
    });
  }

  return (
    <Page title={t("login.title")} class="page page-narrow">
      <Show when={!session.online()}>
        <p class="notice">{t("login.offline")}</p>
      </Show>
      <form ref={form} class="stack" novalidate onSubmit={submit}>
        <EmailField id="login-email" autocomplete="username" value={email()} onValue={setEmail} error={submission.issue("email")} />
        <PasswordField id="login-password" fresh={false} value={password()} onValue={setPassword} error={submission.issue("password")} />
        <FormMessage message={submission.message()} />
        <SubmitButton busy={submission.busy()} label={t("login.submit")} busyLabel={t("login.busy")} class="button button-primary button-wide" />
      </form>
      <p class="muted">{t("login.noAccount")}</p>
      <LanguageSwitch />
    </Page>
  );
}
