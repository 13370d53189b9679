import { createSignal } from "solid-js";
import { OneTimeLink } from "../../components/OneTimeLink";
import { useApp, useOrg } from "../../context";
import type { OutputOf } from "../../data/routes";
import { describeError } from "../../fields/form";
import { formatDateTime } from "../../format";
import { focusSoon } from "../../focus";

type Member = OutputOf<"get", "/orgs/:orgId/members">["members"][number];
export type CreatedReset = OutputOf<"post", "/orgs/:orgId/members/:userId/password-reset">;

const linkId = (member: Member) => `member-${member.userId}-reset-link`;

/** The button that makes a one-time password reset link for a member (the server shows it once). */
export function PasswordResetAction(props: { member: Member; onCreated: (reset: CreatedReset) => void }) {
  const { api, i18n, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const [busy, setBusy] = createSignal(false);

  async function create() {
    if (busy()) return;
    setBusy(true);
    try {
      const reset = await api.call("post", "/orgs/:orgId/members/:userId/password-reset", { param: { orgId: org().orgId, userId: props.member.userId } });
      props.onCreated(reset);
      toaster.show(t("reset.created", { name: props.member.name }));
      focusSoon(linkId(props.member));
    } catch (error) {
      toaster.show(describeError(i18n, error), { tone: "error" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <button type="button" class="button button-small button-quiet" aria-disabled={busy() ? "true" : undefined} onClick={() => void create()}>
      {t("reset.action")}
      <span class="visually-hidden"> {props.member.name}</span>
    </button>
  );
}

/** The link just made, to hand over: shown once, in the member's row. */
export function PasswordResetLink(props: { member: Member; reset: CreatedReset }) {
  const { i18n } = useApp();
  const { t } = i18n;
  return (
    <div class="invite-result row-result">
      <p>{t("reset.linkFor", { name: props.member.name })}</p>
      <OneTimeLink
        id={linkId(props.member)}
        label={t("reset.link")}
        hint={t("reset.linkHint", { date: formatDateTime(props.reset.expiresAt, i18n.language()) })}
        link={props.reset.link}
      />
    </div>
  );
}
