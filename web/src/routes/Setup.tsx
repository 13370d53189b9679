import { LanguageSwitch } from "../components/LanguageSwitch";
import { createSignal, Show } from "solid-js";
import { FormMessage, SubmitButton, TextField } from "../fields/Fields";
import { EmailField, PasswordField } from "../fields/Fields";
import { createSubmission, localIssues, looksLikeEmail } from "../fields/form";
import { AnonymousOnly } from "../components/Guards";
import { Page } from "../components/Page";
import { useApp } from "../context";
import type { ApiError } from "../data/api";
import { focusSoon } from "../focus";

const CODE_REFUSALS = new Set(["setup_code_required", "setup_code_wrong"]);

/**
 * First run of an installation: try the demo organisation, or create the real one. Once the
 * session exists, AnonymousOnly moves on to the new organisation's home.
 */
export default function Setup() {
  return (
    <AnonymousOnly>
      <SetupChoices />
    </AnonymousOnly>
  );
}

function SetupChoices() {
  const { session, i18n } = useApp();
  const { t } = i18n;
  const demo = createSubmission();
  const organisation = createSubmission();
  const [orgName, setOrgName] = createSignal("");
  const [name, setName] = createSignal("");
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [alreadyDone, setAlreadyDone] = createSignal(false);
  const [code, setCode] = createSignal("");
  const [codeIssue, setCodeIssue] = createSignal<string>();
  // The server may ask for the code even when it said it would not (a proxy came in between).
  const [codeAsked, setCodeAsked] = createSignal(false);
  const codeNeeded = () => session.setupCodeRequired() || codeAsked();
  const setupCode = () => (codeNeeded() ? code().trim() || undefined : undefined);
  let form: HTMLFormElement | undefined;

  const explain = (error: ApiError) => {
    if (CODE_REFUSALS.has(error.code)) {
      const message = t(error.code === "setup_code_wrong" ? "setup.codeWrong" : "setup.codeRequired");
      setCodeAsked(true);
      setCodeIssue(message);
      focusSoon("setup-code");
      return message;
    }
    if (error.status !== 409) return undefined;
    setAlreadyDone(true);
    return t("setup.alreadyDone");
  };
  async function startDemo() {
    await demo.run(() => session.setupDemo(setupCode(), i18n.language()), { explain });
  }

  async function createOrganisation(event: SubmitEvent) {
    event.preventDefault();
    await organisation.run(
      () => session.setupOrganisation({ orgName: orgName(), name: name(), email: email(), password: password(), setupCode: setupCode(), language: i18n.language() }),
      {
        form,
        explain,
        local: localIssues(i18n, {
          orgName: !orgName().trim() && "issue.required",
          name: !name().trim() && "issue.required",
          email: !looksLikeEmail(email()) && "issue.email",
          password: password().length < 8 && "issue.passwordLength",
        }),
      },
    );
  }

  return (
    <Page title={t("setup.title")} class="page page-narrow">
      <p class="lead">{t("setup.intro")}</p>
      <Show when={alreadyDone()}>
        <p class="notice">
          <a href="/login">{t("setup.goToLogin")}</a>
        </p>
      </Show>
      <Show when={codeNeeded()}>
        <section class="card">
          <TextField
            id="setup-code"
            label={t("setup.codeLabel")}
            hint={t("setup.codeHint")}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            required
            value={code()}
            onValue={(value) => {
              setCode(value);
              setCodeIssue(undefined);
            }}
            error={codeIssue()}
          />
        </section>
      </Show>
      <section class="card">
        <h2 id="setup-demo-heading">{t("setup.demoHeading")}</h2>
        <p>{t("setup.demoText")}</p>
        <FormMessage message={demo.message()} />
        <button type="button" class="button button-primary button-wide" aria-disabled={demo.busy() ? "true" : undefined} onClick={startDemo}>
          {demo.busy() ? t("setup.demoBusy") : t("setup.demoButton")}
        </button>
      </section>
      <section class="card">
        <h2 id="setup-org-heading">{t("setup.orgHeading")}</h2>
        <p>{t("setup.orgText")}</p>
        <form ref={form} class="stack" novalidate onSubmit={createOrganisation}>
          <TextField
            id="setup-org-name"
            label={t("field.orgName")}
            autocomplete="organization"
            required
            value={orgName()}
            onValue={setOrgName}
            error={organisation.issue("orgName")}
          />
          <TextField id="setup-name" label={t("field.yourName")} autocomplete="name" required value={name()} onValue={setName} error={organisation.issue("name")} />
          <EmailField id="setup-email" autocomplete="username" value={email()} onValue={setEmail} error={organisation.issue("email")} />
          <PasswordField id="setup-password" fresh minLength={8} value={password()} onValue={setPassword} error={organisation.issue("password")} />
          <FormMessage message={organisation.message()} />
          <SubmitButton busy={organisation.busy()} label={t("setup.orgSubmit")} busyLabel={t("common.saving")} class="button button-primary button-wide" />
        </form>
      </section>
      <LanguageSwitch />
    </Page>
  );
}
