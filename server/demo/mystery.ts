import { randomUUID } from "node:crypto";
import type { LocationKind } from "../../shared/enums";
import type { MysteryAnswer, MysteryQuestion, MysterySection, MysteryShopFields, MysteryTemplateFields } from "../../shared/schemas/mystery";
import { serverHlc } from "../experiments/server-clock";
import type { Tx } from "../orgs/create";
import type { DemoPeople } from "./experiments";
import type { Say } from "./language";
import { seedRecords } from "./records";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type QuestionPlan = [text: string, kind: MysteryQuestion["kind"], weight: number, critical?: "critical"];
interface TemplatePlan {
  name: string;
  channel: MysteryTemplateFields["channel"];
  locationKinds: LocationKind[];
  sections: [title: string, questions: QuestionPlan[]][];
}

/**
 * What CX would hand a director on day one: a store visit and a phone call, weighted, each with
 * one critical question (a wrong price at the till, order details told to a stranger) and a
 * free-text remark that is not scored.
 */
const TEMPLATES: TemplatePlan[] = [
  {
    name: "Store visit",
    channel: "store",
    locationKinds: ["store", "branch"],
    sections: [
      [
        "Welcome",
        [
          ["Were you greeted within a minute?", "yes_no", 2],
          ["Did a colleague offer help without being asked?", "yes_no", 1],
        ],
      ],
      [
        "Advice",
        [
          ["How well did the colleague know the product?", "scale", 3],
          ["Was the stock checked when your size was not on the shelf?", "yes_no", 2],
        ],
      ],
      [
        "Checkout",
        [
          ["Was the price at the till the price on the shelf?", "yes_no", 3, "critical"],
          ["Did you pay within five minutes?", "yes_no", 2],
          ["What stood out most?", "text", 0],
        ],
      ],
    ],
  },
  {
    name: "Phone call",
    channel: "phone",
    locationKinds: ["contact_centre"],
    sections: [
      [
        "Getting through",
        [
          ["Was the call answered within two minutes?", "yes_no", 2],
          ["Did the agent give their name?", "yes_no", 1],
        ],
      ],
      [
        "Help",
        [
          ["Did the agent check who you were before discussing your order?", "yes_no", 3, "critical"],
          ["Was your question solved in this call?", "yes_no", 3],
          ["How friendly was the agent?", "scale", 2],
          ["What stood out most?", "text", 0],
        ],
      ],
    ],
  },
];

/** Remarks a shopper wrote in the free-text question, now and then. */
const REMARKS = [
  "Friendly team, but nobody looked up from the shelves.",
  "Helpful, and the colleague walked me to the right aisle.",
  "Long wait, but the problem was solved in the end.",
];

/** A repeatable number in [0, 1), so the demo looks the same every time. */
const pick = (i: number, salt: number) => {
  const x = Math.sin(i * 91.345 + salt * 47.853) * 24634.6345;
  return x - Math.floor(x);
};

export interface ShopPlaces {
  /** The stores, in the demo's order; the first five were shopped this month already. */
  stores: { id: string }[];
  contactCentreId: string;
}

/** How good each store is (0–1), in store order, and the contact centre last. */
const QUALITY = [0.9, 0.75, 0.6, 0.82, 0.68, 0.86, 0.72, 0.78];
/** Shops that failed their critical question: [months ago, place index]. */
const CRITICAL_FAILS: [number, number][] = [
  [1, 2],
  [0, 3],
];
/** Places shopped in this month's wave so far (the last two stores are still to do). */
const THIS_WAVE = [0, 1, 2, 3, 4, 7];

/**
 * The two templates and three monthly waves of completed shops by the director: two full waves
 * and this month's, under way. So the league table, the trend per location and a briefing's
 * last score have something to show from the first minute.
 */
export async function seedMystery(tx: Tx, orgId: string, people: DemoPeople, places: ShopPlaces, now: string, say: Say) {
  const nowMs = Date.parse(now);
  const hlc = serverHlc(nowMs);
  const clocksFor = (fields: object) => Object.fromEntries(Object.keys(fields).map((name) => [name, hlc]));
  const { cx_ops, executive } = people.byRole;

  const templates = TEMPLATES.map((plan) => {
    const fields: MysteryTemplateFields = {
      name: say(plan.name),
      channel: plan.channel,
      locationKinds: plan.locationKinds,
      archived: false,
      sections: plan.sections.map(([title, questions]) => ({
        id: randomUUID(),
        title: say(title),
        questions: questions.map(([text, kind, weight, critical]) => ({ id: randomUUID(), text: say(text), kind, weight, naAllowed: kind !== "yes_no" || !critical, critical: critical === "critical" })),
      })),
    };
    return { id: randomUUID(), fields };
  });
  await seedRecords(
    tx,
    orgId,
    "mystery_template",
    templates.map((tpl) => ({ id: tpl.id, authorId: cx_ops.id, createdAt: new Date(nowMs - 100 * DAY).toISOString(), ...tpl.fields, clocks: clocksFor(tpl.fields) })),
    new Date(nowMs),
  );

  const [storeVisit, phoneCall] = templates as [(typeof templates)[number], (typeof templates)[number]];
  const placeIds = [...places.stores.map((s) => s.id), places.contactCentreId];
  const remark = (n: number) => say(REMARKS[n % REMARKS.length]!);
  const shops: { id: string; authorId: string; createdAt: string; fields: MysteryShopFields }[] = [];
  for (const monthsAgo of [2, 1, 0]) {
    for (const [place, locationId] of placeIds.entries()) {
      if (monthsAgo === 0 && !THIS_WAVE.includes(place)) continue;
      const n = shops.length;
      const template = place === placeIds.length - 1 ? phoneCall : storeVisit;
      const completedMs = completedAt(nowMs, monthsAgo, place, placeIds.length);
      const fails = CRITICAL_FAILS.some(([ago, at]) => ago === monthsAgo && at === place);
      shops.push({
        id: randomUUID(),
        authorId: executive.id,
        createdAt: new Date(completedMs - 40 * 60_000).toISOString(),
        fields: {
          templateId: template.id,
          locationId,
          visitId: null,
          startedAt: new Date(completedMs - 40 * 60_000).toISOString(),
          completedAt: new Date(completedMs).toISOString(),
          answers: answersFor(template.fields.sections, QUALITY[place] ?? 0.7, n, fails, n % 3 === 0 ? remark(n) : null),
          sections: template.fields.sections,
        },
      });
    }
  }
  await seedRecords(
    tx,
    orgId,
    "mystery_shop",
    shops.map((shop) => ({ id: shop.id, authorId: shop.authorId, createdAt: shop.createdAt, ...shop.fields, clocks: clocksFor(shop.fields) })),
    new Date(nowMs),
  );
}

/**
 * When a shop of a wave was completed: in an earlier month, spread over its days; in this month,
 * spread between its start and now (from noon of the first day once there is time for it, so
 * time zones west of UTC see it in this month too).
 */
function completedAt(nowMs: number, monthsAgo: number, place: number, places: number): number {
  const now = new Date(nowMs);
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 1);
  if (monthsAgo > 0) return monthStart + (4 + place * 3) * DAY + 11 * HOUR;
  const elapsed = nowMs - monthStart;
  const from = monthStart + Math.min(12 * HOUR, elapsed / 4);
  const to = nowMs - Math.min(HOUR, elapsed / 4);
  return Math.round(from + ((to - from) * (place + 1)) / (places + 1));
}

/** A shopper's answers at a place of this quality: yes more often and higher marks where it is better. */
function answersFor(sections: MysterySection[], quality: number, n: number, failsCritical: boolean, remark: string | null): Record<string, MysteryAnswer> {
  const answers: Record<string, MysteryAnswer> = {};
  let q = 0;
  for (const question of sections.flatMap((s) => s.questions)) {
    q++;
    const chance = pick(n, q);
    if (question.kind === "text") {
      if (remark) answers[question.id] = { value: remark, na: false };
    } else if (question.kind === "scale") {
      answers[question.id] = { value: Math.max(1, Math.min(5, Math.round(1 + 4 * quality + (chance - 0.5) * 1.6))), na: false };
    } else {
      answers[question.id] = { value: question.critical ? !failsCritical : chance < quality, na: false };
    }
  }
  return answers;
}
