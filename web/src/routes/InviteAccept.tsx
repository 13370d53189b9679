import { LanguageSwitch } from "../components/LanguageSwitch";
import { useNavigate, useParams } from "@solidjs/router";
import { createSignal, Match, Show, Switch } from "solid-js";
import { ApiError } from "../data/api";
import { FormMessage, SubmitButton, TextField } from "../fields/Fields";
import { PasswordField } from "../fields/Fields";
import { createSubmission, localIssues } from "../fields/form";
import { Page } from "../components/Page";
import { LoadError, Loading } from "../components/Status";
import { useApp } from "../context";
import { orgHref } from "../nav";
import { createRemote } from "../data/remote";
import type { OutputOf } from "../data/routes";

type InviteSummary = OutputOf<"get", "/invites/:token">;


/** `/invite/:token`: the one-time link an admin handed over. */
export default function InviteAccept() {
  const { api, i18n } = useApp();
  const { t } = i18n;
  const params = useParams<{ token: string }>();
  const invite = createRemote(
    () => params.token,
    (token) => api.call("get", "/invites/:token", { param: { token } }),
  );
  const invalid = () => {
    const error = invite.error();
    return error instanceof ApiError && error.status === 404;
  };
  const issuerGone = () => {
    const error = invite.error();
    return error instanceof ApiError && error.code === "invite_issuer_not_admin";
  };

  return (
    <Page title={t("invite.title")} class="page page-narrow">
      <Switch>
        <Match when={invalid()}>
          <p class="notice notice-error" role="alert">
            {t("invite.invalid")}
          </p>
          <p>
            <a href="/login">{t("invite.toLogin")}</a>
          </p>
        </Match>
        <Match when={issuerGone()}>
          <p class="notice notice-error" role="alert">
            {t("invite.issuerNotAdmin")}
          </p>
          <p>
            <a href="/login">{t("invite.toLogin")}</a>
          </p>
        </Match>
        <Match when={invite.error()}>
          <LoadError error={invite.error()} retry={() => void invite.reload()} />
        </Match>
        <Match when={invite.value()}>{(summary) => <AcceptForm token={params.token} invite={summary()} />}</Match>
        <Match when={invite.loading()}>
          <Loading />
        </Match>
      </Switch>
      <LanguageSwitch />
    </Page>
  );
}

function AcceptForm(props: { token: string; invite: InviteSummary }) {
  const { session, i18n } = useApp();
  const { t } = i18n;
  const navigate = useNavigate();
  const submission = createSubmission();
  const [name, setName] = createSignal("");
  const [password, setPassword] = createSignal("");
  let form: HTMLFormElement | undefined;
  const existing = () => props.invite.existingUser;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const result = await submission.run(
      () => session.acceptInvite(props.token, existing() ? { password: password() } : { name: name(), password: password() }),
      {
        form,
        local: localIssues(i18n, {
          name: !existing() && !name().trim() && "issue.required",
          password: existing() ? !password() && "issue.required" : password().length < 8 && "issue.passwordLength",
        }),
        explain: (error) =>
          error.code === "invalid_credentials"
            ? t("invite.wrongPassword")
            : error.code === "invite_issuer_not_admin"
              ? t("invite.issuerNotAdmin")
              : error.status === 409
                ? t("invite.used")
                : undefined,
      },
    );
    if (!result) return;
    // The login answer does not say which organisation the invite was for; its name does.
    const joined = result.memberships.find((m) => m.orgId === props.invite.orgId) ?? result.memberships[0];
    navigate(joined ? orgHref(joined.orgId) : "/", { replace: true });
  }

  return (
    <>
      <p class="lead">{t("invite.intro", { org: props.invite.orgName, role: t(`role.${props.invite.role}`) })}</p>
      <dl class="facts">
        <dt>{t("field.email")}</dt>
        <dd>{props.invite.email}</dd>
      </dl>
      <Show when={existing()}>
        <p>{t("invite.existingText")}</p>
      </Show>
      <form ref={form} class="stack" novalidate onSubmit={submit}>
        <Show when={!existing()}>
          <TextField id="invite-name" label={t("field.yourName")} autocomplete="name" required value={name()} onValue={setName} error={submission.issue("name")} />
        </Show>
        <PasswordField id="invite-password" fresh={!existing()} value={password()} onValue={setPassword} error={submission.issue("password")} />
        <FormMessage message={submission.message()} />
        <SubmitButton busy={submission.busy()} label={t("invite.submit")} busyLabel={t("common.saving")} class="button button-primary button-wide" />
      </form>
    </>
  );
}
