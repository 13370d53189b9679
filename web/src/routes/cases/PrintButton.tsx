import { useApp } from "../../context";

/** The browser's print dialog, where "Save as PDF" gives the board its document. */
export function PrintButton() {
  const { i18n } = useApp();
  return (
    <button type="button" class="button button-primary pack-print" onClick={() => window.print()}>
      {i18n.t("pack.print")}
    </button>
  );
}
