import { Page } from "../components/Page";
import { useApp } from "../context";

export default function NotFound() {
  const { i18n } = useApp();
  return (
    <Page title={i18n.t("notFound.title")}>
      <p>{i18n.t("notFound.text")}</p>
      <p>
        <a href="/">{i18n.t("notFound.home")}</a>
      </p>
    </Page>
  );
}
