import { A, useLocation, type RouteSectionProps } from "@solidjs/router";
import { For, Show, Suspense } from "solid-js";
import { canDo } from "../../../../shared/permissions";
import { Page } from "../../components/Page";
import { Loading } from "../../components/Status";
import { useApp, useOrg } from "../../context";
import { ADMIN_SECTIONS, orgHref } from "../../nav";

/** `/o/:orgId/admin/…`: admins only, with the sections as a secondary navigation. */
export default function AdminLayout(props: RouteSectionProps) {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const location = useLocation();

  return (
    <Show
      when={canDo({ role: org().role }, "manage_settings")}
      fallback={
        <Page title={t("admin.title")}>
          <p class="notice">{t("admin.onlyAdmins")}</p>
          <p>
            <A href={orgHref(org().orgId)}>{t("notFound.home")}</A>
          </p>
        </Page>
      }
    >
      <nav class="subnav" aria-label={t("admin.sectionsLabel")}>
        <ul>
          <For each={ADMIN_SECTIONS}>
            {(section) => {
              const href = () => orgHref(org().orgId, `admin/${section.path}`);
              return (
                <li>
                  <a href={href()} aria-current={location.pathname.startsWith(href()) ? "page" : undefined}>
                    {t(section.label)}
                  </a>
                </li>
              );
            }}
          </For>
        </ul>
      </nav>
      <Suspense fallback={<Loading />}>{props.children}</Suspense>
    </Show>
  );
}
