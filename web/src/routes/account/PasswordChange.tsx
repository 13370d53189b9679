import { createSignal } from "solid-js";
import { useApp } from "../../context";
import { FormMessage, SubmitButton, TextField } from "../../fields/Fields";
import { createSubmission, localIssues } from "../../fields/form";
import { NewPasswordFields, newPasswordChecks } from "./NewPasswordFields";

/** Me → Password: the current one, the new one twice. The other devices are logged out; this one stays. */
export function PasswordChange() {
  const { api, i18n, toaster, session } = useApp();
  const { t } = i18n;
  const submission = createSubmission();
  const [current, setCurrent] = createSignal("");
  const [fresh, setFresh] = createSignal("");
  const [again, setAgain] = createSignal("");
  let form: HTMLFormElement | undefined;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const done = await submission.run(
      async () => {
        await api.call("post", "/me/password", { json: { currentPassword: current(), newPassword: fresh() } });
        return true;
      },
      {
        form,
        local: localIssues(i18n, {
          currentPassword: !current() && "issue.required",
          ...newPasswordChecks(fresh(), again(), "newPassword"),
        }),
        explain: (error) => (error.code === "invalid_credentials" ? t("password.wrongCurrent") : undefined),
      },
    );
    if (!done) return;
    setCurrent("");
    setFresh("");
    setAgain("");
    toaster.show(t("password.changed"));
  }

  return (
    <section class="card" aria-labelledby="me-password-heading">
      <h2 id="me-password-heading">{t("password.heading")}</h2>
      <form ref={form} class="stack" novalidate onSubmit={submit}>
        {/* For password managers: the account whose password changes. */}
        <input type="hidden" name="username" autocomplete="username" value={session.session()?.user.email ?? ""} />
        <TextField
          id="me-current-password"
          type="password"
          label={t("password.current")}
          autocomplete="current-password"
          required
          value={current()}
          onValue={setCurrent}
          error={submission.issue("currentPassword")}
        />
        <NewPasswordFields
          id="me-new-password"
          value={fresh()}
          onValue={setFresh}
          again={again()}
          onAgain={setAgain}
          error={submission.issue("newPassword")}
          againError={submission.issue("confirmPassword")}
        />
        <FormMessage message={submission.message()} />
        <SubmitButton busy={submission.busy()} label={t("password.change")} busyLabel={t("common.saving")} />
      </form>
    </section>
  );
}
