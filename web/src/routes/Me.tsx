import { useNavigate } from "@solidjs/router";
import { For, Show } from "solid-js";
import { FormMessage, SelectField } from "../fields/Fields";
import { createSubmission } from "../fields/form";
import { Page } from "../components/Page";
import { useApp, useOrg } from "../context";
import { LANGUAGES, type Language } from "../i18n";
import { orgHref } from "../nav";
import { LogOutEverywhere } from "./account/LogOutEverywhere";
import { PasswordChange } from "./account/PasswordChange";

/** The user's own settings: who they are, interface language, organisation, password, log out (here or everywhere). */
export default function Me() {
  const { session, i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const navigate = useNavigate();
  const logout = createSubmission();
  const user = () => session.session()?.user;
  const memberships = () => session.session()?.memberships ?? [];

  async function logOut() {
    const done = await logout.run(async () => {
      await session.logout();
      return true;
    });
    if (done) navigate("/login", { replace: true });
  }

  return (
    <Page title={t("me.title")}>
      <section class="card">
        <h2 id="me-profile-heading">{t("me.profile")}</h2>
        <dl class="facts">
          <dt>{t("field.name")}</dt>
          <dd>{user()?.name}</dd>
          <dt>{t("field.email")}</dt>
          <dd>{user()?.email}</dd>
          <dt>{t("me.role")}</dt>
          <dd>{t(`role.${org().role}`)}</dd>
        </dl>
      </section>

      <section class="card">
        <h2 id="me-language-heading">{t("me.languageHeading")}</h2>
        <SelectField
          id="me-language"
          label={t("me.language")}
          value={i18n.language()}
          onValue={(code) => i18n.setLanguage(code as Language)}
          choices={LANGUAGES.map((language) => ({ value: language.code, label: language.name }))}
        />
      </section>

      <Show when={memberships().length > 1}>
        <section class="card">
          <h2 id="me-orgs-heading">{t("me.organisations")}</h2>
          <p class="muted">{t("me.organisationsHint")}</p>
          <ul class="choice-list">
            <For each={memberships()}>
              {(membership) => (
                <li>
                  <a
                    class="choice"
                    href={orgHref(membership.orgId)}
                    aria-current={membership.orgId === org().orgId ? "true" : undefined}
                  >
                    <span class="choice-title">{membership.orgName}</span>
                    <span class="choice-meta">
                      {t(`role.${membership.role}`)}
                      <Show when={membership.orgId === org().orgId}> · {t("me.current")}</Show>
                    </span>
                  </a>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>

      <PasswordChange />

      <section class="card stack" aria-labelledby="me-session-heading">
        <h2 id="me-session-heading">{t("me.sessionHeading")}</h2>
        <FormMessage message={logout.message()} />
        <div>
          <button type="button" class="button button-secondary" aria-disabled={logout.busy() ? "true" : undefined} onClick={logOut}>
            {t("me.logout")}
          </button>
        </div>
        <LogOutEverywhere />
      </section>
    </Page>
  );
}
