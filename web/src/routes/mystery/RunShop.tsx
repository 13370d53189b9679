import { useParams } from "@solidjs/router";
import { Match, Show, Switch } from "solid-js";
import { Page } from "../../components/Page";
import { LoadError, Loading } from "../../components/Status";
import { useApp, useOrg } from "../../context";
import { orgHref } from "../../nav";
import { useShopRecords } from "./records";
import { shopSections } from "./results-model";
import { ShopForm } from "./ShopForm";

/** `/o/:orgId/mystery/shops/:shopId`: answer the questions, see the score as you go, raise findings, complete. */
export default function RunShop() {
  const { i18n } = useApp();
  const { t } = i18n;
  const params = useParams<{ shopId: string }>();
  const { templates, locations, shops } = useShopRecords();

  const shop = () => shops.items().find((s) => s.id === params.shopId);
  const template = () => {
    const id = shop()?.templateId;
    return id ? templates.items().find((tpl) => tpl.id === id) : undefined;
  };
  const sections = () => {
    const current = shop();
    return current ? shopSections(current, template()) : undefined;
  };

  return (
    <Switch>
      <Match when={shops.error() ?? templates.error()}>
        {(error) => (
          <Page title={t("mystery.title")}>
            <LoadError error={error()} retry={() => location.reload()} />
          </Page>
        )}
      </Match>
      <Match when={shops.loading() || templates.loading()}>
        <Loading />
      </Match>
      <Match when={!shop()}>
        <Page title={t("mystery.run.notFoundTitle")}>
          <p class="notice">{t("mystery.run.notFound")}</p>
          <BackToShops />
        </Page>
      </Match>
      <Match when={!sections()}>
        <Page title={t("mystery.run.title")}>
          <p class="notice">{t("mystery.run.templateMissing")}</p>
          <BackToShops />
        </Page>
      </Match>
      <Match when={shop() && sections() ? { shop: shop()!, sections: sections()!, templateName: template()?.name ?? t("mystery.unknownTemplate") } : undefined}>
        {(ready) => (
          // Keyed on the shop, so following a link to another shop starts from that shop's answers.
          <Show when={ready().shop.id} keyed>
            <ShopForm
              shop={ready().shop}
              sections={ready().sections}
              templateName={ready().templateName}
              locationName={locations.items().find((l) => l.id === ready().shop.locationId)?.name ?? t("mystery.unknownLocation")}
            />
          </Show>
        )}
      </Match>
    </Switch>
  );
}

function BackToShops() {
  const { i18n } = useApp();
  const org = useOrg();
  return (
    <p>
      <a href={orgHref(org().orgId, "mystery")}>{i18n.t("mystery.run.back")}</a>
    </p>
  );
}
