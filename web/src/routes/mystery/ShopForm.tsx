import { createEffect, createMemo, For, on, Show } from "solid-js";
import { scoreShop } from "../../../../shared/mystery/score";
import type { MysterySection } from "../../../../shared/schemas/mystery";
import { factsOf, useMe } from "../../data/records";
import { DeleteRecord } from "../../components/DeleteRecord";
import { Page } from "../../components/Page";
import { RecordHistory } from "../../components/RecordHistory";
import { useApp, useOrg } from "../../context";
import { useLocal } from "../../data/local/context";
import type { Entity } from "../../data/local/types";
import { orgHref } from "../../nav";
import { CompleteShop } from "./CompleteShop";
import { useFormat } from "./records";
import { ScoreBar } from "./ScoreBar";
import { createShopAnswers } from "./shop-answers";
import { ShopFindings } from "./ShopFindings";
import { ShopSection } from "./ShopSection";
import { NotSynced } from "./NotSynced";

/** A shop being run: its answers section by section, the score as it goes, its findings, and completing it. */
export function ShopForm(props: { shop: Entity<"mystery_shop">; sections: MysterySection[]; templateName: string; locationName: string }) {
  const { i18n, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const format = useFormat();
  const local = useLocal();
  const shopId = props.shop.id;
  const answers = createShopAnswers(shopId, () => props.shop.answers);

  const score = createMemo(() => scoreShop(props.sections, answers.answers()));
  const completed = () => Boolean(props.shop.completedAt);
  // The one who runs the shop fills it in; CX operations and admins may correct it; the board
  // reads (shared/permissions.ts). Findings anyone may raise.
  const me = useMe();
  const mayChange = () => me.mayEdit("mystery_shop", factsOf(props.shop), "answers");
  const questionsById = createMemo(() => new Map(props.sections.flatMap((s) => s.questions.map((q) => [q.id, q] as const))));
  const unanswered = () => score().questions - score().answered;
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

  async function complete(): Promise<boolean> {
    await answers.settle();
    try {
      movingFocus = true;
      // A shop from before shops kept their questions keeps them from now on, as they were answered.
      const keep = props.shop.sections ? {} : { sections: props.sections };
      await local.store.change("mystery_shop", shopId, { completedAt: new Date().toISOString(), ...keep });
      toaster.show(t("mystery.run.completedToast"));
      return true;
    } catch {
      toaster.show(t("mystery.saveFailed"), { tone: "error" });
      return false;
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
        <NotSynced pending={props.shop.pending} />
        <Show when={props.shop.visitId}>
          {(visitId) => (
            <>
              {" · "}
              <a href={orgHref(org().orgId, `visits/${visitId()}`)}>{t("mystery.run.toVisit")}</a>
            </>
          )}
        </Show>
      </p>

      <ScoreBar score={score()} questions={questionsById()} />

      <Show when={completed()}>
        <div class="notice shop-done" tabindex="-1" ref={summary}>
          <p>{t("mystery.run.completedOn", { date: format.dateTime(props.shop.completedAt) })}</p>
          <div class="button-row">
            <a class="button button-secondary" href={orgHref(org().orgId, `mystery/results/${props.shop.locationId ?? ""}`)}>
              {t("mystery.run.seeResults")}
            </a>
            <Show when={mayChange()}>
              <button type="button" class="button button-quiet" onClick={() => void reopen()}>
                {t("mystery.run.reopen")}
              </button>
            </Show>
          </div>
        </div>
      </Show>

      <For each={props.sections}>
        {(section, sectionIndex) => (
          <ShopSection
            section={section}
            score={score().sections[sectionIndex()]}
            shop={props.shop}
            answers={answers}
            disabled={completed() || !mayChange()}
            failedCritical={score().failedCritical}
          />
        )}
      </For>

      <ShopFindings shopId={shopId} />

      <Show when={!completed() && mayChange()}>
        <CompleteShop unanswered={unanswered()} onComplete={complete} buttonRef={(button) => (completeButton = button)} />
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
