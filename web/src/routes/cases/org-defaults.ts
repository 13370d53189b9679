import type { Accessor } from "solid-js";
import { useOrgSetting } from "../../data/org-setting";
import type { KeyValueStore } from "../../data/storage";

const discountRateKey = (orgId: string) => `chefsache.discountRate.${orgId}`;

/** Keeps the organisation's rate on this device, so a case started offline starts with it. */
export function rememberDefaultDiscountRate(storage: KeyValueStore, orgId: string, rate: number) {
  storage.set(discountRateKey(orgId), String(rate));
}

/**
 * The organisation's discount rate for new cases, when its settings carry one: asked when
 * online and kept on this device, so a case started offline starts with it too. Undefined
 * until known (the caller falls back to 8 %).
 */
export function useDefaultDiscountRate(): Accessor<number | undefined> {
  return useOrgSetting<number | undefined>({
    storageKey: discountRateKey,
    fromOrg: (org) => (typeof org.defaultDiscountRate === "number" && org.defaultDiscountRate >= 0 && org.defaultDiscountRate < 1 ? org.defaultDiscountRate : undefined),
    parse: (stored) => {
      const cached = Number(stored ?? Number.NaN);
      return Number.isFinite(cached) ? cached : undefined;
    },
    format: (rate) => String(rate),
  });
}
