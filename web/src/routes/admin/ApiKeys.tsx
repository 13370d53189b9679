import { createSignal, For, Show } from "solid-js";
import { LABEL_MAX } from "../../../../shared/limits";
import type { OutputOf } from "../../data/routes";
import { FormMessage, SubmitButton, TextField } from "../../fields/Fields";
import { createSubmission, describeError, localIssues } from "../../fields/form";
import { formatDateTime } from "../../format";
import { ConfirmButton } from "../../components/ConfirmButton";
import { Page } from "../../components/Page";
import { focusSoon } from "../../focus";
import { EmptyState, RemoteState } from "../../components/Status";
import { useApp, useOrg } from "../../context";
import { createRemote, type Remote } from "../../data/remote";

type ApiKey = OutputOf<"get", "/orgs/:orgId/api-keys">["apiKeys"][number];


/** The command a new key's page shows: the feed's address with this organisation, the key, one row. */
export function feedExample(origin: string, orgId: string, key: string) {
  const row = JSON.stringify([{ period: "week", periodStart: "2025-01-06", location: "Amsterdam", value: 21.5, sampleSize: 3100 }]);
  return [`curl -X POST '${origin}/api/orgs/${orgId}/kpis/KPI_ID/measurements' \\`, `  -H 'Authorization: Bearer ${key}' \\`, `  -H 'Content-Type: application/json' \\`, `  -d '${row}'`].join("\n");
}

/**
 * Admin → API keys: keys with which other systems send KPI measurements to the feed. A new key
 * is shown once, with a copy button and an example request; the list shows each key's name,
 * first characters, maker and last use, and revokes it after a confirmation.
 */
export default function ApiKeys() {
  const { api, i18n, session } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const keys = createRemote(
    () => (session.online() ? org().orgId : ""),
    async (orgId) => (await api.call("get", "/orgs/:orgId/api-keys", { param: { orgId } })).apiKeys,
    { ask: session.online },
  );

  return (
    <Page title={t("admin.apiKeys")}>
      <p class="muted">{t("apiKeys.intro")}</p>
      <Show when={session.online()} fallback={<p class="notice">{t("apiKeys.offline")}</p>}>
        <section class="card">
          <h2>{t("apiKeys.createHeading")}</h2>
          <CreateKey onCreated={() => void keys.reload()} />
        </section>
        <section>
          <h2 id="api-keys-heading" tabindex="-1">
            {t("apiKeys.listHeading")}
          </h2>
          <RemoteState loading={keys.loading()} error={keys.error()} hasValue={keys.value() !== undefined} retry={() => void keys.reload()} />
          <Show when={keys.value()}>
            {(list) => (
              <Show when={list().length > 0} fallback={<EmptyState text={t("apiKeys.none")} />}>
                <ul class="rows">
                  <For each={list()}>{(key) => <KeyRow apiKey={key} keys={keys} />}</For>
                </ul>
              </Show>
            )}
          </Show>
        </section>
      </Show>
    </Page>
  );
}

function CreateKey(props: { onCreated: () => void }) {
  const { api, i18n, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const submission = createSubmission();
  const [name, setName] = createSignal("");
  const [created, setCreated] = createSignal<{ name: string; key: string } | null>(null);
  let form: HTMLFormElement | undefined;
  let keyInput: HTMLInputElement | undefined;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const result = await submission.run(() => api.call("post", "/orgs/:orgId/api-keys", { param: { orgId: org().orgId }, json: { name: name().trim() } }), {
      form,
      local: localIssues(i18n, { name: name().trim() === "" && "issue.required" }),
    });
    if (!result) return;
    setCreated({ name: result.apiKey.name, key: result.key });
    setName("");
    toaster.show(t("apiKeys.created", { name: result.apiKey.name }));
    props.onCreated();
    focusSoon("api-key-value");
  }

  async function copy(key: string) {
    try {
      await navigator.clipboard.writeText(key);
      toaster.show(t("apiKeys.copied"));
    } catch {
      // No clipboard access (plain http, permissions): select the text so the user can copy it.
      keyInput?.select();
      toaster.show(t("apiKeys.copyManually"), { tone: "info" });
    }
  }

  return (
    <>
      <form ref={form} class="stack" novalidate onSubmit={submit}>
        <TextField id="api-key-name" label={t("apiKeys.name")} hint={t("apiKeys.nameHint")} autocomplete="off" value={name()} onValue={setName} limit={LABEL_MAX} error={submission.issue("name")} />
        <FormMessage message={submission.message()} />
        <SubmitButton busy={submission.busy()} label={t("apiKeys.create")} busyLabel={t("common.saving")} />
      </form>
      {/* Announced when it appears: the key is the one thing on this page that is shown only once. */}
      <div aria-live="polite">
        <Show when={created()}>
          {(result) => (
            <div class="invite-result">
              <div class="field">
                <label for="api-key-value">{t("apiKeys.key")}</label>
                <p id="api-key-hint" class="hint">
                  {t("apiKeys.keyOnce")}
                </p>
                <div class="input-with-button">
                  <input id="api-key-value" ref={keyInput} type="text" readOnly value={result().key} aria-describedby="api-key-hint" onFocus={(e) => e.currentTarget.select()} />
                  <button type="button" class="button button-primary" onClick={() => void copy(result().key)}>
                    {t("apiKeys.copy")}
                  </button>
                </div>
              </div>
              <p id="api-key-example-label">{t("apiKeys.example")}</p>
              <pre class="code-example" aria-labelledby="api-key-example-label" tabindex="0">
                <code>{feedExample(window.location.origin, org().orgId, result().key)}</code>
              </pre>
            </div>
          )}
        </Show>
      </div>
    </>
  );
}

function KeyRow(props: { apiKey: ApiKey; keys: Remote<ApiKey[]> }) {
  const { api, i18n, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const [busy, setBusy] = createSignal(false);
  const rowId = () => `api-key-${props.apiKey.id}`;

  async function revoke() {
    if (busy()) return;
    setBusy(true);
    try {
      await api.call("delete", "/orgs/:orgId/api-keys/:keyId", { param: { orgId: org().orgId, keyId: props.apiKey.id } });
      toaster.show(t("apiKeys.revoked", { name: props.apiKey.name }));
      await props.keys.reload();
      focusSoon("api-keys-heading");
    } catch (error) {
      toaster.show(describeError(i18n, error), { tone: "error" });
      return false;
    } finally {
      setBusy(false);
    }
  }

  return (
    <li class="row">
      <div class="row-main">
        <p class="row-title">{props.apiKey.name}</p>
        <p class="row-meta">{t("apiKeys.meta", { prefix: props.apiKey.prefix, name: props.apiKey.createdBy.name, date: i18n.formatDate(props.apiKey.createdAt) })}</p>
        <p class="row-meta">
          <Show when={props.apiKey.revokedAt} fallback={props.apiKey.lastUsedAt ? t("apiKeys.lastUsed", { when: formatDateTime(props.apiKey.lastUsedAt, i18n.language()) }) : t("apiKeys.neverUsed")}>
            {(revokedAt) => <span class="badge">{t("apiKeys.revokedOn", { date: i18n.formatDate(revokedAt()) })}</span>}
          </Show>
        </p>
      </div>
      <Show when={!props.apiKey.revokedAt}>
        <div class="row-actions">
          <ConfirmButton
            id={`${rowId()}-revoke`}
            class="button button-small button-quiet"
            question={t("apiKeys.confirmRevoke", { name: props.apiKey.name })}
            yes={t("apiKeys.confirmYes")}
            busy={busy()}
            onConfirm={revoke}
          >
            {t("apiKeys.revoke")}
            <span class="visually-hidden"> {props.apiKey.name}</span>
          </ConfirmButton>
        </div>
      </Show>
    </li>
  );
}
