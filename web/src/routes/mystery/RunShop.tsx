import { A, useParams } from "@solidjs/router";
import { createEffect, createMemo, createSignal, For, Match, on, onCleanup, Show, Switch } from "solid-js";
import { scoreShop, type ShopScore } from "../../../../shared/mystery/score";
import { TEXT_MAX } from "../../../../shared/limits";
import type { MysteryAnswer, MysteryQuestion, MysterySection } from "../../../../shared/schemas/mystery";
import { factsOf, useMe } from "../../data/records";
import { DeleteRecord } from "../../components/DeleteRecord";
import { limitDescribedBy, LimitNote, textFit, type Fit } from "../../components/TextLimit";
import { Page } from "../../components/Page";
import { RecordHistory } from "../../components/RecordHistory";
import { EmptyState, LoadError, Loading } from "../../components/Status";
import { useApp, useOrg } from "../../context";
import { useLocal } from "../../data/local/context";
import type { Entity } from "../../data/local/types";
import { orgHref } from "../../nav";
import { RaiseFinding } from "./RaiseFinding";
import { useFormat, useRecordList } from "./records";
import { shopSections } from "./results-model";
import { hasAnswer, withAnswer, withNote, withoutAnswer, type Answers, type AnswerValue } from "./shop";

const TEXT_SAVE_DELAY_MS = 500;

/** `/o/:orgId/mystery/shops/:shopId`: answer the questions, see the score as you go, raise findings, complete. */
export default function RunShop() {
  const { i18n } = useApp();
  const { t } = i18n;
  const params = useParams<{ shopId: string }>();
  const shops = useRecordList("mystery_shop");
  const templates = useRecordList("mystery_template");
  const locations = useRecordList("location");

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
      <A href={orgHref(org().orgId, "mystery")}>{i18n.t("mystery.run.back")}</A>
    </p>
  );
}

function ShopForm(props: { shop: Entity<"mystery_shop">; sections: MysterySection[]; templateName: string; locationName: string }) {
  const { i18n, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const format = useFormat();
  const local = useLocal();
  const shopId = props.shop.id;

  // The screen's answers lead; the stored record catches up with each write. While writes are
  // on their way (or a text answer waits for typing to pause), a refresh must not overwrite them.
  const [answers, setAnswers] = createSignal<Answers>(props.shop.answers ?? {});
  let inFlight = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writes: Promise<unknown> = Promise.resolve();
  createEffect(
    on(
      () => props.shop.answers,
      (stored) => {
        if (inFlight === 0 && timer === undefined) setAnswers(stored ?? {});
      },
      { defer: true },
    ),
  );

  function flush() {
    clearTimeout(timer);
    timer = undefined;
    const snapshot = answers();
    inFlight++;
    writes = writes
      .then(() => local.store.change("mystery_shop", shopId, { answers: snapshot }))
      .catch(() => toaster.show(t("mystery.saveFailed"), { tone: "error" }))
      .finally(() => inFlight--);
    return writes;
  }
  function commit(next: Answers, delay = 0) {
    setAnswers(next);
    clearTimeout(timer);
    timer = undefined;
    if (delay > 0) timer = setTimeout(() => void flush(), delay);
    else void flush();
  }
  const flushPending = () => {
    if (timer !== undefined) void flush();
  };
  window.addEventListener("pagehide", flushPending);
  onCleanup(() => {
    window.removeEventListener("pagehide", flushPending);
    flushPending();
  });

  const score = createMemo(() => scoreShop(props.sections, answers()));
  const completed = () => Boolean(props.shop.completedAt);
  // The one who runs the shop fills it in; CX operations and admins may correct it; the board
  // reads (shared/permissions.ts). Findings anyone may raise.
  const me = useMe();
  const mayChange = () => me.mayEdit("mystery_shop", factsOf(props.shop), "answers");
  const questionsById = createMemo(() => new Map(props.sections.flatMap((s) => s.questions.map((q) => [q.id, q] as const))));
  const unanswered = () => score().questions - score().answered;
  const [confirming, setConfirming] = createSignal(false);
  let completeButton: HTMLButtonElement | undefined;
  let movingFocus = false;
  let summary: HTMLDivElement | undefined;

  // The record shows the change only after the store has re-read it: move focus then, to the
  // "completed" note or back to the Complete button, so keyboard users are not left on nothing.
  createEffect(
    on(
      completed,
      (done) => {
        // Only after this screen's own Complete or Reopen; a change synced from elsewhere leaves focus be.
        if (!movingFocus) return;
        movingFocus = false;
        if (done) summary?.focus();
        else completeButton?.focus();
      },
      { defer: true },
    ),
  );

  async function complete() {
    flushPending();
    await writes;
    try {
      movingFocus = true;
      // A shop from before shops kept their questions keeps them from now on, as they were answered.
      const keep = props.shop.sections ? {} : { sections: props.sections };
      await local.store.change("mystery_shop", shopId, { completedAt: new Date().toISOString(), ...keep });
      setConfirming(false);
      toaster.show(t("mystery.run.completedToast"));
    } catch {
      toaster.show(t("mystery.saveFailed"), { tone: "error" });
    }
  }

  async function reopen() {
    try {
      movingFocus = true;
      await local.store.change("mystery_shop", shopId, { completedAt: null });
    } catch {
      toaster.show(t("mystery.saveFailed"), { tone: "error" });
    }
  }

  return (
    <Page title={`${props.locationName} · ${t("mystery.run.title")}`} heading={props.locationName} class="page shop-page">
      <p class="muted">
        {props.templateName} · {t("mystery.shops.startedOn", { date: format.dateTime(props.shop.startedAt) })}
        <Show when={props.shop.pending}>
          {" "}
          <span class="badge badge-pending">{t("mystery.notSynced")}</span>
        </Show>
      </p>

      <ScoreBar score={score()} questions={questionsById()} />

      <Show when={completed()}>
        <div class="notice shop-done" tabindex="-1" ref={summary}>
          <p>{t("mystery.run.completedOn", { date: format.dateTime(props.shop.completedAt) })}</p>
          <div class="button-row">
            <A class="button button-secondary" href={orgHref(org().orgId, `mystery/results/${props.shop.locationId ?? ""}`)}>
              {t("mystery.run.seeResults")}
            </A>
            <Show when={mayChange()}>
              <button type="button" class="button button-quiet" onClick={() => void reopen()}>
                {t("mystery.run.reopen")}
              </button>
            </Show>
          </div>
        </div>
      </Show>

      <For each={props.sections}>
        {(section, sectionIndex) => {
          const sectionScore = () => score().sections[sectionIndex()];
          const headingId = `shop-section-${section.id}`;
          return (
            <section class="shop-section" aria-labelledby={headingId}>
              <div class="shop-section-head">
                <h2 id={headingId}>{section.title}</h2>
                <p class="section-score">
                  {t("mystery.run.sectionScore", { score: format.percent(sectionScore()?.percent) })}
                  <span class="muted">
                    {" · "}
                    {t("mystery.run.answeredOf", { answered: sectionScore()?.answered ?? 0, questions: section.questions.length })}
                  </span>
                </p>
              </div>
              <Show when={section.questions.length > 0} fallback={<EmptyState text={t("mystery.run.noQuestions")} />}>
                <ol class="questions">
                  <For each={section.questions}>
                    {(question) => (
                      <QuestionCard
                        question={question}
                        answer={answers()[question.id]}
                        disabled={completed() || !mayChange()}
                        failed={score().failedCritical.includes(question.id)}
                        shop={props.shop}
                        onAnswer={(value, na) =>
                          commit(
                            // An emptied text answer is no answer at all, also for the "answered" count.
                            value === "" ? withoutAnswer(answers(), question.id) : withAnswer(answers(), question.id, value, na),
                            question.kind === "text" ? TEXT_SAVE_DELAY_MS : 0,
                          )
                        }
                        onClear={() => commit(withoutAnswer(answers(), question.id))}
                        onNote={(note) => commit(withNote(answers(), question.id, note), TEXT_SAVE_DELAY_MS)}
                        onBlur={flushPending}
                      />
                    )}
                  </For>
                </ol>
              </Show>
            </section>
          );
        }}
      </For>

      <ShopFindings shopId={shopId} />

      <Show when={!completed() && mayChange()}>
        <section class="card" aria-labelledby="shop-complete-heading">
          <h2 id="shop-complete-heading">{t("mystery.run.completeHeading")}</h2>
          <p class="muted">{t("mystery.run.completeText")}</p>
          <Show
            when={confirming()}
            fallback={
              <button
                type="button"
                class="button button-primary"
                ref={completeButton}
                onClick={() => {
                  if (unanswered() > 0) {
                    setConfirming(true);
                    queueMicrotask(() => document.getElementById("shop-confirm-complete")?.focus());
                  } else void complete();
                }}
              >
                {t("mystery.run.complete")}
              </button>
            }
          >
            <div class="confirm" role="group" aria-labelledby="shop-confirm-text">
              <p id="shop-confirm-text">{t("mystery.run.confirmUnanswered", { count: unanswered() })}</p>
              <div class="button-row">
                <button type="button" id="shop-confirm-complete" class="button" onClick={() => void complete()}>
                  {t("mystery.run.completeAnyway")}
                </button>
                <button
                  type="button"
                  class="button button-secondary"
                  onClick={() => {
                    setConfirming(false);
                    queueMicrotask(() => completeButton?.focus());
                  }}
                >
                  {t("mystery.run.keepAnswering")}
                </button>
              </div>
            </div>
          </Show>
        </section>
      </Show>
      <RecordHistory entity="mystery_shop" id={props.shop.id} version={props.shop.updatedAt} />
      <Show when={me.mayDelete("mystery_shop", factsOf(props.shop))}>
        <p>
          <DeleteRecord entity="mystery_shop" id={props.shop.id} afterHref={orgHref(org().orgId, "mystery")} />
        </p>
      </Show>
    </Page>
  );
}

/** The running score: a live region, so a screen reader hears it change with each answer. */
function ScoreBar(props: { score: ShopScore; questions: Map<string, MysteryQuestion> }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const format = useFormat();
  return (
    <div class="score-bar" classList={{ "score-failed": props.score.failed }}>
      <div role="status" aria-live="polite" aria-atomic="true" class="score-live">
        <p class="score-overall">
          {t("mystery.score.overall")} <strong data-testid="shop-score">{format.percent(props.score.percent)}</strong>
        </p>
        <Show when={props.score.failed}>
          <p class="score-fail">
            <strong>{t("mystery.score.failed")}</strong>
            <span class="score-fail-questions">
              {": "}
              {props.score.failedCritical.map((id) => props.questions.get(id)?.text ?? "").join("; ")}
            </span>
          </p>
        </Show>
      </div>
      <p class="score-progress muted">{t("mystery.run.answeredOf", { answered: props.score.answered, questions: props.score.questions })}</p>
    </div>
  );
}

function QuestionCard(props: {
  question: MysteryQuestion;
  answer: MysteryAnswer | undefined;
  disabled: boolean;
  failed: boolean;
  shop: Entity<"mystery_shop">;
  onAnswer: (value: AnswerValue, na: boolean) => void;
  onClear: () => void;
  onNote: (note: string) => void;
  onBlur: () => void;
}) {
  const { i18n } = useApp();
  const { t } = i18n;
  const q = props.question;
  const base = `q-${q.id}`;
  const [noteOpen, setNoteOpen] = createSignal(Boolean(props.answer?.note));
  const [raising, setRaising] = createSignal(false);
  // A text over its limit stays in the field with the refusal and is not saved: the server would
  // refuse the whole answers map with it, and every answer after it.
  const [answerFit, setAnswerFit] = createSignal<Fit>(textFit(i18n, typeof props.answer?.value === "string" ? props.answer.value : "", TEXT_MAX));
  const [noteFit, setNoteFit] = createSignal<Fit>(textFit(i18n, props.answer?.note ?? "", TEXT_MAX));
  function typed(text: string, setFit: (fit: Fit) => void, save: (text: string) => void) {
    const fit = textFit(i18n, text, TEXT_MAX);
    setFit(fit);
    if (!fit.problem) save(text);
  }
  let raiseButton: HTMLButtonElement | undefined;

  const options = (): { key: string; label: string; value: AnswerValue; na: boolean }[] => {
    const list: { key: string; label: string; value: AnswerValue; na: boolean }[] =
      q.kind === "yes_no"
        ? [
            { key: "yes", label: t("mystery.answer.yes"), value: true, na: false },
            { key: "no", label: t("mystery.answer.no"), value: false, na: false },
          ]
        : [1, 2, 3, 4, 5].map((n) => ({ key: String(n), label: String(n), value: n, na: false }));
    if (q.naAllowed) list.push({ key: "na", label: t("mystery.answer.na"), value: null, na: true });
    return list;
  };
  const isChosen = (option: { value: AnswerValue; na: boolean }) =>
    Boolean(props.answer && (option.na ? props.answer.na : !props.answer.na && props.answer.value === option.value));

  const details = () => (
    <p class="question-meta" id={`${base}-meta`}>
      <Show when={q.critical}>
        <span class="badge badge-danger">{t("mystery.question.criticalBadge")}</span>{" "}
      </Show>
      <span class="muted">{t("mystery.question.weightIs", { weight: q.weight })}</span>
      <Show when={q.kind === "scale"}>
        <span class="muted"> · {t("mystery.answer.scaleHint")}</span>
      </Show>
    </p>
  );

  return (
    <li class="question card" classList={{ "question-failed": props.failed }}>
      <Show
        when={q.kind !== "text"}
        fallback={
          <div class="field">
            <label for={`${base}-text`} class="question-text">
              {q.text}
            </label>
            {details()}
            <textarea
              id={`${base}-text`}
              rows={3}
              disabled={props.disabled || props.answer?.na === true}
              aria-describedby={[`${base}-meta`, ...limitDescribedBy(`${base}-text`, answerFit())].join(" ")}
              aria-invalid={answerFit().problem ? true : undefined}
              value={typeof props.answer?.value === "string" ? props.answer.value : ""}
              onInput={(event) => typed(event.currentTarget.value, setAnswerFit, (text) => props.onAnswer(text, false))}
              onBlur={() => props.onBlur()}
            />
            <LimitNote id={`${base}-text`} fit={answerFit()} />
            <Show when={q.naAllowed}>
              <div class="check-field">
                <input
                  id={`${base}-na`}
                  type="checkbox"
                  disabled={props.disabled}
                  checked={props.answer?.na === true}
                  onChange={(event) => (event.currentTarget.checked ? props.onAnswer(null, true) : props.onClear())}
                />
                <label for={`${base}-na`}>{t("mystery.answer.naLong")}</label>
              </div>
            </Show>
          </div>
        }
      >
        <fieldset class="answer-group" disabled={props.disabled} aria-describedby={`${base}-meta`}>
          <legend class="question-text">
            {q.text}
            <Show when={props.failed}>
              <span class="visually-hidden"> ({t("mystery.score.failed")})</span>
            </Show>
          </legend>
          {details()}
          <div class="answer-options" classList={{ "answer-scale": q.kind === "scale" }}>
            <For each={options()}>
              {(option) => (
                <span class="answer-option">
                  <input
                    type="radio"
                    id={`${base}-${option.key}`}
                    name={base}
                    checked={isChosen(option)}
                    onChange={() => props.onAnswer(option.value, option.na)}
                  />
                  <label for={`${base}-${option.key}`}>
                    {/* The tick shows the choice without colour; the radio's own state tells assistive technology. */}
                    <span class="answer-tick" aria-hidden="true">
                      ✓{" "}
                    </span>
                    {option.label}
                  </label>
                </span>
              )}
            </For>
          </div>
        </fieldset>
      </Show>

      <Show when={noteOpen()}>
        <div class="field question-note">
          <label for={`${base}-note`}>{t("mystery.question.note")}</label>
          <textarea
            id={`${base}-note`}
            rows={2}
            disabled={props.disabled}
            aria-describedby={limitDescribedBy(`${base}-note`, noteFit()).join(" ") || undefined}
            aria-invalid={noteFit().problem ? true : undefined}
            value={props.answer?.note ?? ""}
            onInput={(event) => typed(event.currentTarget.value, setNoteFit, props.onNote)}
            onBlur={() => props.onBlur()}
          />
          <LimitNote id={`${base}-note`} fit={noteFit()} />
        </div>
      </Show>

      <div class="button-row question-actions">
        <Show when={!noteOpen() && !props.disabled}>
          <button
            type="button"
            class="button button-small button-quiet"
            onClick={() => {
              setNoteOpen(true);
              queueMicrotask(() => document.getElementById(`${base}-note`)?.focus());
            }}
          >
            {t("mystery.question.addNote")}
            <span class="visually-hidden">: {q.text}</span>
          </button>
        </Show>
        <Show when={hasAnswer(props.answer) && !props.disabled && q.kind !== "text"}>
          <button type="button" class="button button-small button-quiet" onClick={() => props.onClear()}>
            {t("mystery.question.clear")}
            <span class="visually-hidden">: {q.text}</span>
          </button>
        </Show>
        <Show when={!raising()}>
          <button
            type="button"
            class="button button-small button-secondary"
            ref={raiseButton}
            aria-expanded="false"
            onClick={() => setRaising(true)}
          >
            {t("mystery.finding.raise")}
            <span class="visually-hidden">: {q.text}</span>
          </button>
        </Show>
      </div>

      <Show when={raising()}>
        <RaiseFinding
          shop={props.shop}
          question={q}
          answer={props.answer}
          onClose={() => {
            setRaising(false);
            queueMicrotask(() => raiseButton?.focus());
          }}
        />
      </Show>
    </li>
  );
}

/** Findings raised from this shop, newest first. */
function ShopFindings(props: { shopId: string }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const format = useFormat();
  const findings = useRecordList("finding");
  const mine = () =>
    findings
      .items()
      .filter((f) => f.mysteryShopId === props.shopId)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  return (
    <Show when={mine().length > 0}>
      <section aria-labelledby="shop-findings-heading">
        <h2 id="shop-findings-heading">{t("mystery.finding.listHeading", { count: mine().length })}</h2>
        <ul class="rows">
          <For each={mine()}>
            {(finding) => (
              <li class="row">
                <div class="row-main">
                  <p class="row-title finding-saw">{finding.saw}</p>
                  <p class="row-meta">
                    {t("mystery.finding.severityIs", { severity: finding.severity ?? 3 })}
                    <Show when={(finding.photos?.length ?? 0) > 0}> · {t("mystery.finding.photoCount", { count: finding.photos?.length ?? 0 })}</Show>
                    {" · "}
                    {format.dateTime(finding.createdAt)}
                    <Show when={finding.pending}>
                      {" "}
                      <span class="badge badge-pending">{t("mystery.notSynced")}</span>
                    </Show>
                  </p>
                </div>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
