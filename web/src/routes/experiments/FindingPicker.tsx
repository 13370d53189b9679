import { createMemo, createSignal, For, Show } from "solid-js";
import { snippet } from "../../capture/model";
import { matchesText, type Finding } from "../../capture/model";
import { SeverityBadge } from "../../components/Badges";
import { useApp, useOrg } from "../../context";
import { orgHref } from "../../nav";
import { compareText } from "../../order";

const SUGGESTED = 6;

/**
 * "Because we saw …": the findings an experiment builds on. Each chosen one shows what the
 * customer saw there; more are found by searching what was seen, felt or expected.
 */
export function FindingPicker(props: {
  id: string;
  legend: string;
  hint: string;
  chosen: readonly string[];
  findings: readonly Finding[];
  disabled: boolean;
  stageName: (id: string | null | undefined) => string | undefined;
  locationName: (id: string | null | undefined) => string | undefined;
  onChange: (ids: string[]) => void;
}) {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const [query, setQuery] = createSignal("");
  let search: HTMLInputElement | undefined;

  const byId = createMemo(() => new Map(props.findings.map((f) => [f.id, f])));
  const candidates = createMemo(() => {
    const chosen = new Set(props.chosen);
    const text = query().trim();
    return props.findings
      .filter((f) => !chosen.has(f.id) && (text ? matchesText(f, text) : f.status !== "closed"))
      .sort((a, b) => compareText(b.createdAt, a.createdAt))
      .slice(0, SUGGESTED);
  });

  const where = (f: Finding) => [props.stageName(f.journeyStageId), props.locationName(f.locationId)].filter(Boolean).join(" · ");

  return (
    <fieldset class="finding-picker" aria-describedby={`${props.id}-hint`}>
      <legend>{props.legend}</legend>
      <p id={`${props.id}-hint`} class="hint">
        {props.hint}
      </p>
      <Show when={props.chosen.length > 0} fallback={<p class="muted">{t("experiment.findings.none")}</p>}>
        <ul class="items picked-findings">
          <For each={props.chosen}>
            {(findingId) => {
              const finding = () => byId().get(findingId);
              return (
                <li class="item picked-finding">
                  <Show when={finding()} fallback={<p class="muted">{t("experiment.findings.notOnDevice")}</p>}>
                    {(f) => (
                      <>
                        <a class="picked-saw" href={orgHref(org().orgId, `findings/${f().id}`)}>
                          {f().saw?.trim() || t("finding.nothingYet")}
                        </a>
                        <Show when={f().expectation?.trim()}>
                          {(expectation) => <p class="item-meta">{t("experiment.findings.expected", { expectation: snippet(expectation(), 120) })}</p>}
                        </Show>
                        <p class="item-meta">
                          <SeverityBadge severity={f().severity} />
                          <Show when={where(f())}>{(text) => <span>{text()}</span>}</Show>
                        </p>
                      </>
                    )}
                  </Show>
                  <Show when={!props.disabled}>
                    <button
                      type="button"
                      class="button button-small button-quiet"
                      onClick={() => {
                        props.onChange(props.chosen.filter((id) => id !== findingId));
                        search?.focus();
                      }}
                    >
                      {t("experiment.findings.remove")}
                      <span class="visually-hidden">: {snippet(finding()?.saw)}</span>
                    </button>
                  </Show>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
      <Show when={!props.disabled}>
        <div class="field search-field">
          <label for={`${props.id}-search`}>{t("experiment.findings.search")}</label>
          <input ref={search} id={`${props.id}-search`} type="search" value={query()} onInput={(event) => setQuery(event.currentTarget.value)} />
        </div>
        <p class="muted" role="status">
          {query().trim()
            ? t("experiment.findings.matches", { count: candidates().length })
            : candidates().length > 0
              ? t("experiment.findings.recent")
              : t("experiment.findings.noneOpen")}
        </p>
        <ul class="items finding-candidates">
          <For each={candidates()}>
            {(f) => (
              <li class="item finding-candidate">
                <span class="candidate-saw">{snippet(f.saw, 140)}</span>
                <span class="item-meta">
                  <SeverityBadge severity={f.severity} />
                  <Show when={where(f)}>{(text) => <span>{text()}</span>}</Show>
                </span>
                <button
                  type="button"
                  class="button button-small button-secondary"
                  onClick={() => {
                    props.onChange([...props.chosen, f.id]);
                    search?.focus();
                  }}
                >
                  {t("experiment.findings.add")}
                  <span class="visually-hidden">: {snippet(f.saw)}</span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </fieldset>
  );
}
