import { useLocation, type RouteSectionProps } from "@solidjs/router";
import { Show } from "solid-js";
import { canDo } from "../../../../shared/permissions";
import { Page } from "../../components/Page";
import { SubnavLayout } from "../../components/SubnavLayout";
import { useApp, useOrg } from "../../context";
import { ADMIN_SECTIONS, orgHref } from "../../nav";

/** `/o/:orgId/admin/…`: admins only, with the sections as a secondary navigation. */
export default function AdminLayout(props: RouteSectionProps) {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const location = useLocation();
  const href = (path: string) => orgHref(org().orgId, `admin/${path}`);

  return (
    <Show
      when={canDo({ role: org().role }, "manage_settings")}
      fallback={
        <Page title={t("admin.title")}>
          <p class="notice">{t("admin.onlyAdmins")}</p>
          <p>
            <a href={orgHref(org().orgId)}>{t("notFound.home")}</a>
          </p>
        </Page>
      }
    >
      <SubnavLayout
        label={t("admin.sectionsLabel")}
        sections={ADMIN_SECTIONS}
        href={href}
        current={(path) => (location.pathname.startsWith(href(path)) ? "page" : undefined)}
      >
        {props.children}
      </SubnavLayout>
    </Show>
  );
}
