import { Navigate } from "@solidjs/router";
import { Match, Switch } from "solid-js";
import { Page } from "../components/Page";
import { Loading } from "../components/Status";
import { useApp } from "../context";
import { orgHref } from "../nav";

/** "/": sends everyone where they belong — their organisation, setup, or login. */
export default function Start() {
  const { session, i18n } = useApp();
  const { t } = i18n;
  return (
    <Switch fallback={<Loading />}>
      <Match when={session.status() === "authenticated" && session.preferredOrgId()}>{(orgId) => <Navigate href={orgHref(orgId())} />}</Match>
      <Match when={session.status() === "authenticated"}>
        <Page title={t("noOrg.title")}>
          <p>{t("noOrg.text")}</p>
          <button
            type="button"
            class="button button-secondary"
            onClick={() => {
              void session.logout().catch(() => undefined);
            }}
          >
            {t("me.logout")}
          </button>
        </Page>
      </Match>
      <Match when={session.status() === "anonymous" && session.setupNeeded()}>
        <Navigate href="/setup" />
      </Match>
      <Match when={session.status() === "anonymous"}>
        <Navigate href="/login" />
      </Match>
    </Switch>
  );
}
