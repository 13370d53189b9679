import "../../capture/capture.css";
import "../experiments/experiments.css";
import "./cases.css";
import "./print.css";
import { A, useParams } from "@solidjs/router";
import { createMemo, Show } from "solid-js";
import { useList } from "../../data/records";
import { Page } from "../../components/Page";
import { useApp, useOrg } from "../../context";
import { orgHref } from "../../nav";
import { PackBody } from "./PackBody";
import { usePackRecords } from "./pack-records";
import { PrintButton } from "./PrintButton";

/** The board pack of one case: an A4 document (print it, or save it as PDF). */
export default function CasePack() {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const params = useParams<{ id: string }>();
  const cases = useList("business_case");
  const { records, loaded } = usePackRecords();
  const record = createMemo(() => cases.all().find((c) => c.id === params.id));
  return (
    <Page title={record()?.title ? t("pack.titleOf", { title: record()!.title! }) : t("pack.title")} heading={t("pack.title")} class="page pack-page">
      <div class="pack-tools no-print">
        <A href={orgHref(org().orgId, `cases/${params.id}`)}>{t("pack.backToCase")}</A>
        <PrintButton />
      </div>
      <p class="pack-org muted">{org().orgName}</p>
      <Show when={cases.loaded() && loaded()} fallback={<p class="loading">{t("common.loading")}</p>}>
        <Show when={record()} fallback={<p class="notice">{t("case.notFound")}</p>}>{(r) => <PackBody record={r()} records={records} />}</Show>
      </Show>
    </Page>
  );
}
