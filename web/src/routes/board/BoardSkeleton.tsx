import { Page } from "../../components/Page";
import { Loading } from "../../components/Status";
import { useApp } from "../../context";

/** The board view's heading and opening words, shown while its code and figures load (see RouteSkeleton). */
export function BoardSkeleton() {
  const { i18n } = useApp();
  return (
    <Page title={i18n.t("board.title")}>
      <p class="lead">{i18n.t("board.intro")}</p>
      <Loading />
    </Page>
  );
}
