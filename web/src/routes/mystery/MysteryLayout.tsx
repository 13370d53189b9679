import { useLocation, type RouteSectionProps } from "@solidjs/router";
import { SubnavLayout } from "../../components/SubnavLayout";
import { useApp, useOrg } from "../../context";
import type { MessageKey } from "../../i18n";
import { orgHref } from "../../nav";
import "./mystery.css";

const SECTIONS: readonly { path: string; label: MessageKey }[] = [
  { path: "mystery", label: "mystery.nav.shops" },
  { path: "mystery/templates", label: "mystery.nav.templates" },
  { path: "mystery/results", label: "mystery.nav.results" },
];

/**
 * `/o/:orgId/mystery/…`: shops, templates and results. Admins, executives and CX operations
 * have it in their navigation; a board member following a link reads everything but changes nothing.
 */
export default function MysteryLayout(props: RouteSectionProps) {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const location = useLocation();

  const current = (path: string): "page" | "true" | undefined => {
    const href = orgHref(org().orgId, path);
    const here = location.pathname.replace(/\/$/, "");
    if (here === href) return "page";
    // Shops live under /mystery/shops/…, which belongs to the first section.
    if (path === "mystery") return here.startsWith(`${href}/shops/`) ? "true" : undefined;
    return here.startsWith(`${href}/`) ? "true" : undefined;
  };

  return (
    <SubnavLayout label={t("mystery.nav.label")} sections={SECTIONS} href={(path) => orgHref(org().orgId, path)} current={current}>
      {props.children}
    </SubnavLayout>
  );
}
