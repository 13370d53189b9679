import { createSignal, type Accessor } from "solid-js";
import { orgPath } from "../../api";
import { useApp, useOrg } from "../../context";
import { browserStore, type KeyValueStore } from "../../storage";

const discountRateKey = (orgId: string) => `chefsache.discountRate.${orgId}`;

/** Keeps the organisation's rate on this device, so a case started offline starts with it. */
export function rememberDefaultDiscountRate(storage: KeyValueStore, orgId: string, rate: number) {
  storage.set(discountRateKey(orgId), String(rate));
}

/**
 * The organisation's discount rate for new cases, when its settings carry one: asked once when
 * online and kept on this device, so a case started offline starts with it too. Undefined
 * until known (the caller falls back to 8 %).
 */
export function useDefaultDiscountRate(): Accessor<number | undefined> {
  const { api, session } = useApp();
  const orgId = useOrg()().orgId;
  const storage = browserStore();
  const cached = Number(storage.get(discountRateKey(orgId)) ?? Number.NaN);
  const [rate, setRate] = createSignal<number | undefined>(Number.isFinite(cached) ? cached : undefined);
  if (session.online()) {
    api
      .get<{ defaultDiscountRate?: unknown }>(orgPath(orgId, ""))
      .then((org) => {
        const value = org.defaultDiscountRate;
        if (typeof value === "number" && value >= 0 && value < 1) {
          rememberDefaultDiscountRate(storage, orgId, value);
          setRate(value);
        }
      })
      .catch(() => undefined); // offline or refused: the cached rate (or 8 %) stands
  }
  return rate;
}
