import { createSignal, For, Show, type JSX } from "solid-js";
import { ROLES, type Role } from "../../../../shared/roles";
import { ApiError } from "../../data/api";
import type { OutputOf } from "../../data/routes";
import { FormMessage, SelectField, SubmitButton } from "../../fields/Fields";
import { EmailField } from "../../fields/Fields";
import { createSubmission, describeError, localIssues, looksLikeEmail } from "../../fields/form";
import { ConfirmButton } from "../../components/ConfirmButton";
import { OneTimeLink } from "../../components/OneTimeLink";
import { focusSoon } from "../../focus";
import { Page } from "../../components/Page";
import { EmptyState, RemoteState } from "../../components/Status";
import { useApp, useOrg } from "../../context";
import { createRemote, type Remote } from "../../data/remote";
import { PasswordResetAction, PasswordResetLink, type CreatedReset } from "./PasswordReset";

type Member = OutputOf<"get", "/orgs/:orgId/members">["members"][number];
type Invite = OutputOf<"get", "/orgs/:orgId/invites">["invites"][number];


/** Members and their roles, and one-time invite links for new people. */
export default function People() {
  const { api, i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const members = createRemote(
    () => org().orgId,
    (orgId) => api.call("get", "/orgs/:orgId/members", { param: { orgId } }).then((body) => body.members),
  );
  const invites = createRemote(
    () => org().orgId,
    (orgId) => api.call("get", "/orgs/:orgId/invites", { param: { orgId } }).then((body) => body.invites),
  );

  return (
    <Page title={t("admin.people")}>
      <section class="card">
        <h2 id="invite-heading">{t("people.inviteHeading")}</h2>
        <p class="muted">{t("people.inviteIntro")}</p>
        <InviteForm onCreated={() => void invites.reload()} />
      </section>

      <RowsSection id="members-heading" heading={t("people.membersHeading")} remote={members}>
        {(member) => <MemberRow member={member} members={members} />}
      </RowsSection>
      <RowsSection id="invites-heading" heading={t("people.invitesHeading")} remote={invites} empty={t("people.noInvites")}>
        {(invite) => <InviteRow invite={invite} invites={invites} />}
      </RowsSection>
    </Page>
  );
}

/** A list the server holds, under a heading that takes focus when a row leaves it. */
function RowsSection<T>(props: { id: string; heading: string; remote: Remote<T[]>; empty?: string; children: (item: T) => JSX.Element }) {
  return (
    <section>
      <h2 id={props.id} tabindex="-1">
        {props.heading}
      </h2>
      <RemoteState loading={props.remote.loading()} error={props.remote.error()} hasValue={props.remote.value() !== undefined} retry={() => void props.remote.reload()} />
      <Show when={props.remote.value()}>
        {(list) => (
          <Show when={list().length > 0 || props.empty === undefined} fallback={<EmptyState text={props.empty ?? ""} />}>
            <ul class="rows">
              <For each={list()}>{(item) => props.children(item)}</For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  );
}

function useRoleChoices() {
  const { i18n } = useApp();
  return () => ROLES.map((role) => ({ value: role, label: i18n.t(`role.${role}`) }));
}

function InviteForm(props: { onCreated: () => void }) {
  const { api, i18n, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const roles = useRoleChoices();
  const submission = createSubmission();
  const [email, setEmail] = createSignal("");
  const [role, setRole] = createSignal<Role>("executive");
  const [created, setCreated] = createSignal<{ invite: Invite; link: string } | null>(null);
  let form: HTMLFormElement | undefined;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const result = await submission.run(() => api.call("post", "/orgs/:orgId/invites", { param: { orgId: org().orgId }, json: { email: email(), role: role() } }), {
      form,
      local: localIssues(i18n, { email: !looksLikeEmail(email()) && "issue.email" }),
      explain: (error) => (error.status === 409 ? t("people.alreadyMember", { email: email().trim() }) : undefined),
    });
    if (!result) return;
    setCreated(result);
    setEmail("");
    toaster.show(t("people.inviteCreated", { email: result.invite.email }));
    props.onCreated();
    focusSoon("invite-link");
  }

  return (
    <>
      <form ref={form} class="stack" novalidate onSubmit={submit}>
        <EmailField id="invite-email" autocomplete="off" value={email()} onValue={setEmail} error={submission.issue("email")} />
        <SelectField id="invite-role" label={t("people.role")} value={role()} onValue={(value) => setRole(value as Role)} choices={roles()} error={submission.issue("role")} />
        <FormMessage message={submission.message()} />
        <SubmitButton busy={submission.busy()} label={t("people.createInvite")} busyLabel={t("common.saving")} />
      </form>
      <Show when={created()}>
        {(result) => (
          <div class="invite-result">
            <p>{t("people.linkFor", { email: result().invite.email, role: t(`role.${result().invite.role}`) })}</p>
            <OneTimeLink
              id="invite-link"
              label={t("people.link")}
              hint={t("people.linkHint", { date: i18n.formatDate(result().invite.expiresAt) })}
              link={result().link}
            />
          </div>
        )}
      </Show>
    </>
  );
}

function MemberRow(props: { member: Member; members: Remote<Member[]> }) {
  const { api, i18n, toaster, session } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const roles = useRoleChoices();
  const [busy, setBusy] = createSignal(false);
  const [reset, setReset] = createSignal<CreatedReset | null>(null);
  const isMe = () => session.session()?.user.id === props.member.userId;
  const rowId = () => `member-${props.member.userId}`;
  const setRoleLocally = (role: Role) =>
    props.members.update((list) => list.map((m) => (m.userId === props.member.userId ? { ...m, role } : m)));

  async function changeRole(role: Role) {
    const previous = props.member.role;
    if (role === previous) return;
    setRoleLocally(role);
    try {
      await api.call("patch", "/orgs/:orgId/members/:userId", { param: { orgId: org().orgId, userId: props.member.userId }, json: { role } });
      toaster.show(t("people.roleChanged", { name: props.member.name, role: t(`role.${role}`) }));
      focusSoon(`${rowId()}-role`);
      if (isMe()) await session.refresh();
    } catch (error) {
      setRoleLocally(previous);
      const message = error instanceof ApiError && error.status === 409 ? t("people.lastAdmin") : describeError(i18n, error);
      toaster.show(message, { tone: "error" });
      focusSoon(`${rowId()}-role`);
    }
  }

  async function remove() {
    if (busy()) return;
    setBusy(true);
    try {
      await api.call("delete", "/orgs/:orgId/members/:userId", { param: { orgId: org().orgId, userId: props.member.userId } });
      props.members.update((list) => list.filter((m) => m.userId !== props.member.userId));
      toaster.show(t("people.removed", { name: props.member.name }));
      focusSoon("members-heading");
      if (isMe()) await session.refresh();
    } catch (error) {
      const message = error instanceof ApiError && error.status === 409 ? t("people.lastAdmin") : describeError(i18n, error);
      toaster.show(message, { tone: "error" });
      return false;
    } finally {
      setBusy(false);
    }
  }

  return (
    <li class="row">
      <div class="row-main">
        <p class="row-title">
          {props.member.name}
          <Show when={isMe()}>
            {" "}
            <span class="badge">{t("people.you")}</span>
          </Show>
        </p>
        <p class="row-meta">{props.member.email}</p>
        <p class="row-meta">{t("people.since", { date: i18n.formatDate(props.member.since) })}</p>
      </div>
      <div class="row-actions">
        <SelectField
          id={`${rowId()}-role`}
          class="field field-inline"
          label={t("people.roleOf", { name: props.member.name })}
          hideLabel
          value={props.member.role}
          onValue={(value) => void changeRole(value as Role)}
          choices={roles()}
        />
        <Show when={!isMe()}>
          <PasswordResetAction member={props.member} onCreated={setReset} />
        </Show>
        <ConfirmButton
          id={`${rowId()}-remove`}
          class="button button-small button-quiet"
          question={t("people.confirmRemove", { name: props.member.name })}
          yes={t("people.confirmYes")}
          busy={busy()}
          onConfirm={remove}
        >
          {t("people.remove")}
          <span class="visually-hidden"> {props.member.name}</span>
        </ConfirmButton>
      </div>
      <Show when={reset()}>{(created) => <PasswordResetLink member={props.member} reset={created()} />}</Show>
    </li>
  );
}

function InviteRow(props: { invite: Invite; invites: Remote<Invite[]> }) {
  const { api, i18n, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();

  async function revoke() {
    try {
      await api.call("delete", "/orgs/:orgId/invites/:inviteId", { param: { orgId: org().orgId, inviteId: props.invite.id } });
      props.invites.update((list) => list.filter((invite) => invite.id !== props.invite.id));
      toaster.show(t("people.revoked", { email: props.invite.email }));
      focusSoon("invites-heading");
    } catch (error) {
      toaster.show(describeError(i18n, error), { tone: "error" });
    }
  }

  return (
    <li class="row">
      <div class="row-main">
        <p class="row-title">{props.invite.email}</p>
        <p class="row-meta">
          {t(`role.${props.invite.role}`)} · {t("people.expires", { date: i18n.formatDate(props.invite.expiresAt) })}
        </p>
      </div>
      <div class="row-actions">
        <button type="button" class="button button-small button-quiet" onClick={() => void revoke()}>
          {t("people.revoke")}
          <span class="visually-hidden"> {props.invite.email}</span>
        </button>
      </div>
    </li>
  );
}
