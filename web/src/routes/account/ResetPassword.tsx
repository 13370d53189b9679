import { useNavigate, useParams } from "@solidjs/router";
import { createSignal, Match, Switch } from "solid-js";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { Page } from "../../components/Page";
import { LoadError, Loading } from "../../components/Status";
import { useApp } from "../../context";
import { ApiError } from "../../data/api";
import { createRemote } from "../../data/remote";
import type { OutputOf } from "../../data/routes";
import { FormMessage, SubmitButton } from "../../fields/Fields";
import { createSubmission, localIssues } from "../../fields/form";
import type { MessageKey } from "../../i18n";
import { orgHref } from "../../nav";
import { NewPasswordFields, newPasswordChecks } from "./NewPasswordFields";

type ResetOffer = OutputOf<"get", "/password-resets/:token">;

/** Why a link cannot be used, by the server's answer; undefined for anything else (offline, a fault). */
function refusal(error: unknown): MessageKey | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.status === 404) return "reset.invalid";
  if (error.code === "link_used") return "reset.used";
  if (error.code === "link_expired") return "reset.expired";
  if (error.status === 410) return "reset.withdrawn";
  return undefined;
}

/** `/reset/:token`: the one-time link an admin made for someone who forgot their password. */
export default function ResetPassword() {
  const { api, i18n } = useApp();
  const { t } = i18n;
  const params = useParams<{ token: string }>();
  const offer = createRemote(
    () => params.token,
    (token) => api.call("get", "/password-resets/:token", { param: { token } }),
  );

  return (
    <Page title={t("reset.title")} class="page page-narrow">
      <Switch>
        <Match when={refusal(offer.error())}>
          {(key) => (
            <>
              <p class="notice notice-error" role="alert">
                {t(key())}
              </p>
              <p>
                <a href="/login">{t("reset.toLogin")}</a>
              </p>
            </>
          )}
        </Match>
        <Match when={offer.error()}>
          <LoadError error={offer.error()} retry={() => void offer.reload()} />
        </Match>
        <Match when={offer.value()}>{(value) => <ResetForm token={params.token} offer={value()} />}</Match>
        <Match when={offer.loading()}>
          <Loading />
        </Match>
      </Switch>
      <LanguageSwitch />
    </Page>
  );
}

function ResetForm(props: { token: string; offer: ResetOffer }) {
  const { session, i18n } = useApp();
  const { t } = i18n;
  const navigate = useNavigate();
  const submission = createSubmission();
  const [password, setPassword] = createSignal("");
  const [again, setAgain] = createSignal("");
  let form: HTMLFormElement | undefined;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const result = await submission.run(() => session.resetPassword(props.token, password()), {
      form,
      local: localIssues(i18n, newPasswordChecks(password(), again(), "password")),
      explain: (error) => {
        const key = refusal(error);
        return key ? t(key) : undefined;
      },
    });
    if (!result) return;
    const orgId = session.preferredOrgId();
    navigate(orgId ? orgHref(orgId) : "/", { replace: true });
  }

  return (
    <>
      <p class="lead">{t("reset.intro", { email: props.offer.email, org: props.offer.orgName })}</p>
      <form ref={form} class="stack" novalidate onSubmit={submit}>
        {/* For password managers: the account whose password this is. */}
        <input type="hidden" name="username" autocomplete="username" value={props.offer.email} />
        <NewPasswordFields
          id="reset-password"
          value={password()}
          onValue={setPassword}
          again={again()}
          onAgain={setAgain}
          error={submission.issue("password")}
          againError={submission.issue("confirmPassword")}
        />
        <FormMessage message={submission.message()} />
        <SubmitButton busy={submission.busy()} label={t("reset.submit")} busyLabel={t("common.saving")} class="button button-primary button-wide" />
      </form>
    </>
  );
}
