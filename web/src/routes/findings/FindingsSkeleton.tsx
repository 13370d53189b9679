import { Icon } from "../../components/Icon";
import { Page } from "../../components/Page";
import { SearchField } from "../../components/SearchField";
import { Loading } from "../../components/Status";
import { useApp, useOrg } from "../../context";
import { orgHref } from "../../nav";

/** "New finding", the first thing on the findings list. */
export function NewFindingLink() {
  const { i18n } = useApp();
  const org = useOrg();
  return (
    <p>
      <a class="button button-wide" href={orgHref(org().orgId, "findings/new")}>
        <Icon name="plus" />
        {i18n.t("findings.new")}
      </a>
    </p>
  );
}

/** The top of the findings list, shown while its code and the device's store load (see RouteSkeleton). */
export function FindingsSkeleton() {
  const { t } = useApp().i18n;
  return (
    <Page title={t("findings.title")}>
      <NewFindingLink />
      <SearchField id="findings-search" label={t("findings.search")} hint={t("findings.searchHint")} />
      <Loading />
    </Page>
  );
}
