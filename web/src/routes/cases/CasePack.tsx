import "../../capture/capture.css";
import "../experiments/experiments.css";
import "./cases.css";
import "./print.css";
import { useParams } from "@solidjs/router";
import { createMemo, Show } from "solid-js";
import { useList } from "../../data/records";
import { Page } from "../../components/Page";
import { useApp, useOrg } from "../../context";
import { dateFormat, localeOf } from "../../format";
import { orgHref } from "../../nav";
import { PackBody } from "./PackBody";
import { packViewOf } from "./pack-view";
import { usePackRecords } from "./pack-records";
import { PrintButton } from "./PrintButton";
import { PrintFooter } from "./PrintFooter";

/** The board pack of one case: an A4 document (print it, or save it as PDF), numbered pages with the organisation and date. */
export default function CasePack() {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const params = useParams<{ id: string }>();
  const cases = useList("business_case");
  const { records, loaded } = usePackRecords();
  const record = createMemo(() => cases.all().find((c) => c.id === params.id));
  const view = createMemo(() => (record() && loaded() ? packViewOf(record()!, records) : null));
  const today = () => dateFormat(localeOf(i18n.language()), { dateStyle: "long" }).format(new Date());
  return (
    <Page title={record()?.title ? t("pack.titleOf", { title: record()!.title! }) : t("pack.title")} heading={t("pack.title")} class="page pack-page">
      <div class="pack-tools no-print">
        <a href={orgHref(org().orgId, `cases/${params.id}`)}>{t("pack.backToCase")}</a>
        <PrintButton />
      </div>
      <PrintFooter org={org().orgName} date={today()} />
      <p class="pack-org muted">
        {org().orgName} · {today()}
      </p>
      <Show when={cases.loaded() && loaded()} fallback={<p class="loading">{t("common.loading")}</p>}>
        <Show when={record() && view()} fallback={<p class="notice">{t("case.notFound")}</p>}>
          <PackBody record={record()!} view={view()!} records={records} />
        </Show>
      </Show>
    </Page>
  );
}
