import { For, Show } from "solid-js";
import type { VerdictGate } from "../../../../shared/experiments/gates";
import { Icon } from "../../components/Icon";
import { useApp } from "../../context";
import { formatNumber } from "../../format";
import { formatPValue, type Language } from "./results";

/** One gate in the interface language: "The guardrail NPS is significantly worse (p = 0.046)." */
export function useGateWords() {
  const { i18n } = useApp();
  const { t } = i18n;
  const p = (value: number | null) => {
    if (value === null) return "";
    const text = formatPValue(value, i18n.language() as Language);
    return text.startsWith("<") ? text : `= ${text}`;
  };
  const count = (n: number | null) => formatNumber(n ?? 0, i18n.language());
  return (gate: VerdictGate, kpiName: (id: string) => string) => t(`gates.${gate.code}`, { kpi: kpiName(gate.kpiId), p: p(gate.pValue), count: count(gate.count), required: count(gate.required) });
}

/**
 * The warnings a win went past and the reason given for it, as the server stored them with the
 * verdict: on the experiment, on the cases that rest on it and in the board pack. Nothing for a
 * win that went past none (or a verdict not given yet).
 */
export function VerdictGates(props: {
  experiment: { title?: string | undefined; verdictGates?: readonly VerdictGate[] | null | undefined; gateReason?: string | null | undefined };
  kpiName: (id: string) => string;
  /** Name the experiment (on a case or in a pack, which show several). */
  named?: boolean;
}) {
  const { t } = useApp().i18n;
  const words = useGateWords();
  const gates = () => props.experiment.verdictGates ?? [];
  return (
    <Show when={gates().length > 0}>
      <div class="notice notice-warning verdict-gates" role="note">
        <p>
          <Icon name="warning" class="icon icon-small" /> <strong>{props.named ? t("gates.wonDespiteNamed", { title: props.experiment.title ?? "" }) : t("gates.wonDespite")}</strong>
        </p>
        <ul>
          <For each={gates()}>{(gate) => <li>{words(gate, props.kpiName)}</li>}</For>
        </ul>
        <p>{t("gates.reasonGiven", { reason: props.experiment.gateReason ?? "" })}</p>
      </div>
    </Show>
  );
}
