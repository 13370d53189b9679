/**
 * Fault injection for sync: several simulated devices (agents of different users) edit
 * records of every pushed entity (visits, findings, actions, mystery templates and shops,
 * experiments, KPIs and their measurements, business cases) offline and sync through a lossy network that drops
 * requests before they reach the server, drops responses after the server committed,
 * delivers a push twice (one after the other or at the same time) and delivers stale pushes
 * late, out of order. Pulls are dropped too, and stale pull pages arrive late. A device goes
 * out of reach for stretches (on the shop floor) and edits on meanwhile.
 *
 * Each device edits only what the rule book (shared/permissions.ts) lets its person do to the
 * record as the device knows it: its author, its status. A device can be behind: CX may have
 * triaged a finding its author is about to link or archive, and then the server refuses the
 * change ("forbidden"), and the device undoes it. So every answer the server gave is replayed
 * on the rule book, in the order the server handled the pushes: each must be what the rule
 * book says for the record as it stood then.
 *
 * The model is the set of every mutation the server applied, applied with the shared merge
 * (order does not matter for per-field last-writer-wins). After a final lossless sync of every
 * device (twice), the server's state, the model's and every device's must be the same record
 * for record and field for field; every mutation id must be recorded exactly once and answered
 * "applied" exactly once across every response the server sent, or, refused, never.
 *
 * Replay a failure with SYNC_FAULT_SEED=<seed> (and SYNC_FAULT_ROUNDS for a longer run).
 */
import { expect, test } from "vitest";
import { getTableName } from "drizzle-orm";
import { approvedCaseDependencies, canCreate, canDelete, canEdit, canEditField, type Person, type RecordFacts } from "../../shared/permissions";
import { actionRequired } from "../../shared/schemas/action";
import type { LoginResponse } from "../../shared/schemas/auth";
import { businessCaseRequired } from "../../shared/schemas/business-case";
import { experimentRequired } from "../../shared/schemas/experiment";
import { findingRequired } from "../../shared/schemas/finding";
import { kpiMeasurementRequired, kpiRequired } from "../../shared/schemas/kpi";
import { mysteryShopRequired, mysteryTemplateRequired } from "../../shared/schemas/mystery";
import { visitRequired } from "../../shared/schemas/visit";
import { ACTION_PRIORITIES, ACTION_STATUSES, EXPERIMENT_DESIGNS, FINDING_STATUSES, FIX_LEVELS, KPI_DIRECTIONS, RECHECK_RESULTS, KPI_KINDS, KPI_UNITS, MEASUREMENT_PERIODS, MYSTERY_CHANNELS, QUESTION_KINDS, SENTIMENTS, VISIT_KINDS } from "../../shared/enums";
import { HlcClock } from "../../shared/sync/hlc";
import { applyChange, emptyRecord, mergeStates, stateFromPull, type RecordState } from "../../shared/sync/merge";
import { parseCursor, type Mutation, type PulledChange, type PullResponse, type PushResponse } from "../../shared/sync/protocol";
import { PUSH_ENTITIES, type PushEntity } from "../../shared/sync/constants";
import { SYNC_ENTITIES } from "../../server/sync/entities";
import { demoOrg, freshApp, type agent } from "../support/app";
import { seededRandom } from "../support/random";
import { verdictOn, type Held } from "../support/rulebook";

type Agent = ReturnType<typeof agent>;

const SEED = Number(process.env.SYNC_FAULT_SEED ?? 0x5eed2025);
const ROUNDS = Number(process.env.SYNC_FAULT_ROUNDS ?? 1200);
const SYNCED = new Set<string>(PUSH_ENTITIES);


interface Device {
  name: string;
  agent: Agent;
  userId: string;
  /** Who the device's person is to the rule book. */
  person: Person;
  clientId: string;
  clock: HlcClock;
  /** Offset of the device's wall clock from simulated time. */
  skew: number;
  /** What the device shows: what it pulled, merged with its own changes not refused. */
  records: Map<string, RecordState>;
  /** What the device pulled from the server, merged. */
  pulled: Map<string, RecordState>;
  /** The device's own changes per record, but those the server refused (undone). */
  own: Map<string, Mutation[]>;
  /** Who created each record the device knows (the rule book asks). */
  authors: Map<string, string>;
  /** Keys of records per entity, for picking edit targets. */
  known: Record<PushEntity, string[]>;
  settings: Map<string, Record<string, unknown>>;
  outbox: Mutation[];
  /** Out of reach for a while (on the shop floor): it edits on, and syncs nothing. */
  offline: boolean;
  cursor: string;
}

interface Stats {
  rounds: number;
  mutations: number;
  pushRequests: number;
  dropBefore: number;
  dropAfter: number;
  duplicated: number;
  duplicatedConcurrent: number;
  delayed: number;
  delayedDelivered: number;
  delayedApplied: number;
  duplicatesAnswered: number;
  pulls: number;
  pullDrops: number;
  pullPageReplays: number;
  stalePagesMerged: number;
  concurrentRounds: number;
  renames: number;
  /** Changes the server refused (a device was behind), and the undos on the devices. */
  refused: number;
  /** Syncs a device skipped while out of reach. */
  offlineSyncs: number;
  undone: number;
}

/** One push the server answered (whether the answer reached the device or not). */
interface ServedPush {
  device: Device;
  mutations: Mutation[];
  response: PushResponse;
}

test(
  `${ROUNDS} sync rounds of 4 devices through a lossy network converge to the model: nothing lost, nothing applied twice (seed ${SEED})`,
  async () => {
    const random = seededRandom(SEED);
    const { app, client } = await freshApp();
    const org = await demoOrg(app);
    const base = `/api/orgs/${org.orgId}`;
    const me = async (who: Agent) => {
      const body = (await who.get("/api/me")).json as LoginResponse;
      return { id: body.user.id, role: body.memberships.find((m) => m.orgId === org.orgId)!.role };
    };

    // What the demo organisation starts with (its floor visits and findings): the model starts there too.
    const initial = new Map<string, RecordState>();
    const initialAuthors = new Map<string, string>();
    for (let since = ""; ; ) {
      const page = (await org.admin.get(`${base}/sync/pull?since=${since}&limit=1000`)).json as PullResponse;
      for (const change of page.changes) {
        if (!SYNCED.has(change.entity)) continue;
        initial.set(`${change.entity}:${change.entityId}`, stateFromPull(change));
        initialAuthors.set(`${change.entity}:${change.entityId}`, change.fields.authorId as string);
      }
      since = page.cursor;
      if (!page.hasMore) break;
    }

    // The organisation's settings and members, as references for new records.
    const items = async (noun: string) => ((await org.admin.get(`${base}/${noun}`)).json.items as { id: string }[]).map((i) => i.id);
    const locationIds = await items("locations");
    const stageIds = await items("journey-stages");
    const segmentIds = await items("segments");
    const themeIds = await items("themes");
    const memberIds = ((await org.admin.get(`${base}/members`)).json.members as { userId: string }[]).map((m) => m.userId);

    // Four devices of three people: the director has a phone and a laptop.
    const director2 = await org.login("director@demo.example");
    const people: [string, Agent][] = [
      ["director-phone", org.director],
      ["director-laptop", director2],
      ["cx-phone", org.cx],
      ["board-tablet", org.board],
    ];
    let simNow = Date.now() - 2 * 24 * 3600_000;
    const devices: Device[] = [];
    for (const [index, [name, who]] of people.entries()) {
      const skew = random.int(-120_000, 120_000);
      const person = await me(who);
      devices.push({
        name,
        agent: who,
        userId: person.id,
        person,
        clientId: `device-${index}-${random.hex(8)}`,
        clock: new HlcClock(random.hex(14) + index.toString(16).padStart(2, "0"), () => simNow + skew),
        skew,
        records: new Map(),
        pulled: new Map(),
        own: new Map(),
        authors: new Map(),
        known: Object.fromEntries(PUSH_ENTITIES.map((entity) => [entity, []])) as unknown as Record<PushEntity, string[]>,
        settings: new Map(),
        outbox: [],
        offline: false,
        cursor: "",
      });
    }

    // The demo's people: the director (an executive) captures, CX operations triages, the board looks on and captures too.
    expect(devices.map((d) => d.person.role)).toEqual(["executive", "executive", "cx_ops", "board"]);

    const all: Mutation[] = [];
    const personOf = new Map<string, Person>();
    /** The record's status as the device knew it when it made each change (what the rule book was asked). */
    const seenStatus = new Map<string, string | null>();
    const creator = new Map<string, string>();
    const appliedAnswers = new Map<string, number>();
    const rejectedAnswers = new Map<string, string[]>();
    const served: ServedPush[] = [];
    const serverErrors: string[] = [];
    const delayedPushes: { device: Device; body: { clientId: string; mutations: Mutation[] } }[] = [];
    const oldPages: PullResponse[] = [];
    const stats: Stats = {
      rounds: 0,
      mutations: 0,
      pushRequests: 0,
      dropBefore: 0,
      dropAfter: 0,
      duplicated: 0,
      duplicatedConcurrent: 0,
      delayed: 0,
      delayedDelivered: 0,
      delayedApplied: 0,
      duplicatesAnswered: 0,
      pulls: 0,
      pullDrops: 0,
      pullPageReplays: 0,
      stalePagesMerged: 0,
      concurrentRounds: 0,
      renames: 0,
      refused: 0,
      offlineSyncs: 0,
      undone: 0,
    };
    let lossless = false;

    // ---- the device: local edits --------------------------------------------------------

    const text = (device: Device, what: string) => `${what} by ${device.name} at ${stats.rounds}.${random.hex(4)}`;
    const iso = () => new Date(simNow - random.int(0, 30 * 24 * 3600_000)).toISOString();
    const orNull = <T>(value: T, p = 0.2): T | null => (random.chance(p) ? null : value);
    const liveKeys = (device: Device, entity: PushEntity) => device.known[entity].filter((key) => device.records.get(key)!.deletedAt === null);
    const idOf = (key: string) => key.slice(key.indexOf(":") + 1);

    /** The experiments and KPIs an approved business case rests on, as the device knows the cases. */
    function protectedOn(device: Device) {
      const cases = device.known.business_case.map((key) => device.records.get(key)!).filter((state) => state.deletedAt === null);
      return approvedCaseDependencies(cases.map((state) => state.fields as { status?: string; experimentIds?: string[]; kpiId?: string | null }));
    }

    /** What the rule book needs to know about a record, as the device knows it (null: a new record). */
    function factsOn(device: Device, key: string): RecordFacts | null {
      const state = device.records.get(key);
      if (!state) return null;
      const authorId = device.authors.get(key);
      if (!authorId) throw new Error(`${device.name} knows ${key} but not who created it`);
      const facts: RecordFacts = { authorId, status: (state.fields.status as string | undefined) ?? null };
      const entity = key.slice(0, key.indexOf(":"));
      if (entity === "visit") {
        facts.hasFindings = liveKeys(device, "finding").some((finding) => device.records.get(finding)!.fields.visitId === idOf(key));
      }
      if (entity === "experiment" || entity === "kpi") {
        const rests = protectedOn(device)[entity === "experiment" ? "experiments" : "kpis"];
        if (rests.has(idOf(key))) facts.backsApprovedCase = true;
      }
      return facts;
    }

    /** Whether the person triages findings: moves anyone's finding to any status (the rule book decides). */
    const triages = (person: Person) => FINDING_STATUSES.every((status) => canEditField(person, "finding", { authorId: "someone else", status: "closed" }, "status", status).ok);

    /** The statuses the device's person may give a finding, as the device knows it. */
    const findingStatuses = (device: Device, facts: RecordFacts | null) => FINDING_STATUSES.filter((status) => canEditField(device.person, "finding", facts, "status", status).ok);

    /** The fields the device's person may change on a record, as the device knows it. */
    const editableFields = (device: Device, entity: PushEntity, facts: RecordFacts | null) =>
      Object.keys(GENERATE[entity]).filter((field) =>
        entity === "finding" && field === "status" ? findingStatuses(device, facts).length > 0 : canEditField(device.person, entity, facts, field).ok,
      );

    /** A record of `entity` the device knows (deleted ones too: another device may not know yet), or undefined. */
    const known = (device: Device, entity: PushEntity) => (device.known[entity].length ? idOf(random.pick(device.known[entity])) : undefined);
    /** A record of `entity` the device knows whose fields, as it knows them, pass `keep`; or undefined. */
    const knownWhere = (device: Device, entity: PushEntity, keep: (fields: Record<string, unknown>) => boolean) => {
      const keys = device.known[entity].filter((key) => keep(device.records.get(key)!.fields));
      return keys.length ? idOf(random.pick(keys)) : undefined;
    };
    /** Up to `max` distinct records of `entity` the device knows. */
    const someKnown = (device: Device, entity: PushEntity, max: number) => [...new Set(Array.from({ length: random.int(0, max) }, () => known(device, entity)).filter((id) => id !== undefined))];
    const some = <T>(items: readonly T[], max: number) => [...new Set(Array.from({ length: random.int(0, Math.min(max, items.length)) }, () => random.pick(items)))];
    const amount = () => orNull(Math.round(random.next() * 1e8) / 100);
    const day = () => iso().slice(0, 10);

    type Generate = (device: Device, facts: RecordFacts | null) => unknown;
    /**
     * A random value for each field of each pushed entity; a reference names only records the
     * device knows (undefined: none known, so the field is left out).
     */
    const GENERATE: Record<PushEntity, Record<string, Generate>> = {
      visit: {
        kind: () => random.pick(VISIT_KINDS),
        locationId: () => random.pick(locationIds),
        startedAt: () => iso(),
        endedAt: () => orNull(iso()),
        peopleMet: (device) => text(device, "people"),
        notes: (device) => text(device, "notes"),
      },
      finding: {
        visitId: (device) => (random.chance(0.7) ? (known(device, "visit") ?? null) : null),
        journeyStageId: () => orNull(random.pick(stageIds)),
        locationId: () => orNull(random.pick(locationIds)),
        segmentId: () => orNull(random.pick(segmentIds)),
        themeId: () => orNull(random.pick(themeIds)),
        saw: (device) => text(device, "saw"),
        felt: (device) => text(device, "felt"),
        expectation: (device) => text(device, "expectation"),
        severity: () => random.int(1, 5),
        sentiment: () => random.pick(SENTIMENTS),
        level: () => orNull(random.pick(FIX_LEVELS)),
        // Triage (triaged, closed) is CX operations' work; the others record and link a new finding.
        status: (device, facts) => random.pick(findingStatuses(device, facts)),
        tags: () => Array.from({ length: random.int(0, 3) }, () => `tag-${random.hex(3)}`),
        photos: () => Array.from({ length: random.int(0, 2) }, () => random.hex(64)),
        // Anyone's finding, in the device's person's own name (the rule book refuses any other).
        recheck: (device) => ({ result: random.pick(RECHECK_RESULTS), by: device.person.id, at: iso(), visitId: known(device, "visit") ?? null }),
      },
      action: {
        findingId: (device) => known(device, "finding"),
        title: (device) => text(device, "action"),
        ownerId: () => orNull(random.pick(memberIds)),
        dueDate: () => orNull(day()),
        priority: () => random.pick(ACTION_PRIORITIES),
        status: () => random.pick(ACTION_STATUSES),
      },
      mystery_template: {
        name: (device) => text(device, "template"),
        channel: () => random.pick(MYSTERY_CHANNELS),
        sections: (device) =>
          Array.from({ length: random.int(1, 2) }, () => ({
            id: random.uuid(),
            title: text(device, "section"),
            questions: Array.from({ length: random.int(1, 3) }, () => ({
              id: random.uuid(),
              text: text(device, "question"),
              kind: random.pick(QUESTION_KINDS),
              weight: random.int(0, 5),
              naAllowed: random.chance(0.5),
              critical: random.chance(0.2),
            })),
          })),
        archived: () => random.chance(0.2),
      },
      mystery_shop: {
        // Templates that name no location kinds fit anywhere: the demo's (which do) are left out, so
        // a random location never meets the rule that a template is used only where it is made for.
        templateId: (device) => knownWhere(device, "mystery_template", (fields) => !fields.locationKinds),
        // Set when a shop starts only (the app never moves one): a demo shop's template names kinds.
        locationId: (_device, facts) => (facts ? undefined : random.pick(locationIds)),
        visitId: (device) => orNull(known(device, "visit") ?? null, 0.5),
        startedAt: () => iso(),
        completedAt: () => orNull(iso(), 0.5),
      },
      experiment: {
        title: (device) => text(device, "experiment"),
        change: (device) => text(device, "change"),
        findingIds: (device) => someKnown(device, "finding", 3),
        segmentId: () => orNull(random.pick(segmentIds)),
        journeyStageId: () => orNull(random.pick(stageIds)),
        primaryKpiId: (device) => orNull(known(device, "kpi") ?? null),
        expectedLift: () => orNull(random.int(-50, 200) / 1000),
        guardrailKpiIds: (device) => someKnown(device, "kpi", 2),
        baseline: () => orNull(random.int(0, 1000) / 1000),
        mde: () => orNull(random.int(1, 300) / 1000),
        requiredSampleSize: () => orNull(random.int(1, 100_000)),
        design: () => orNull(random.pick(EXPERIMENT_DESIGNS)),
        treatmentShare: () => orNull(random.int(1, 99) / 100),
        pilotLocationIds: () => some(locationIds, 2),
        pilotStart: () => orNull(day()),
        pilotEnd: () => orNull(day()),
        ownerId: () => orNull(random.pick(memberIds)),
        team: () => some(["IT", "store operations", "marketing"], 2),
        themeId: () => orNull(random.pick(themeIds)),
        plan: (device) =>
          Array.from({ length: random.int(0, 2) }, () => ({ id: random.uuid(), title: text(device, "block"), ownerId: orNull(random.pick(memberIds)), dueDate: orNull(day()), done: random.chance(0.3) })),
        results: (device) =>
          someKnown(device, "kpi", 1).map((kpiId) => {
            const arm = () => {
              const users = random.int(0, 5000);
              return { users, conversions: random.int(0, users) };
            };
            return { kpiId, control: arm(), treatment: arm() };
          }),
        notes: (device) => text(device, "notes"),
      },
      kpi: {
        name: (device) => text(device, "kpi"),
        unit: () => random.pick(KPI_UNITS),
        direction: () => random.pick(KPI_DIRECTIONS),
        kind: () => random.pick(KPI_KINDS),
        hard: () => random.chance(0.5),
        description: (device) => text(device, "description"),
        archived: () => random.chance(0.1),
        // A range every unit accepts (a percentage's is 0–100), holding every value made below.
        minValue: () => orNull(0),
        maxValue: () => orNull(100),
      },
      kpi_measurement: {
        kpiId: (device) => known(device, "kpi"),
        period: () => random.pick(MEASUREMENT_PERIODS),
        periodStart: () => day(),
        locationId: () => orNull(random.pick(locationIds), 0.5),
        segmentId: () => orNull(random.pick(segmentIds), 0.7),
        // Within every KPI's range whatever its unit: range refusals are kpis.test.ts's, not the rule book's.
        value: () => random.int(0, 10_000) / 100,
        sampleSize: () => orNull(random.int(0, 10_000)),
        note: (device) => orNull(text(device, "note"), 0.5),
      },
      business_case: {
        title: (device) => text(device, "case"),
        summary: (device) => text(device, "summary"),
        ask: (device) => text(device, "ask"),
        experimentIds: (device) => someKnown(device, "experiment", 2),
        findingIds: (device) => someKnown(device, "finding", 3),
        kpiId: (device) => orNull(known(device, "kpi") ?? null),
        baseline: () => orNull(random.int(0, 1000) / 1000),
        lift: () => orNull({ low: random.int(-10, 10) / 1000, base: random.int(10, 30) / 1000, high: random.int(30, 60) / 1000 }),
        liftOverridden: () => random.chance(0.3),
        liftOverrideReason: (device) => text(device, "reason"),
        annualVolume: amount,
        valuePerUnit: amount,
        investment: amount,
        runningCostPerYear: amount,
        horizonYears: () => orNull(random.int(1, 10)),
        discountRate: () => orNull(random.int(0, 99) / 100),
        options: (device) => [{ id: random.uuid(), title: text(device, "option"), description: "", doNothing: random.chance(0.5) }],
        themeId: () => orNull(random.pick(themeIds)),
        recommendation: (device) => text(device, "recommendation"),
        ownerId: () => orNull(random.pick(memberIds)),
      },
    };
    /** What a new record needs (the server refuses a create without it). */
    const REQUIRED: Record<PushEntity, readonly string[]> = {
      visit: visitRequired,
      finding: findingRequired,
      action: actionRequired,
      mystery_template: mysteryTemplateRequired,
      mystery_shop: mysteryShopRequired,
      experiment: experimentRequired,
      kpi: kpiRequired,
      kpi_measurement: kpiMeasurementRequired,
      business_case: businessCaseRequired,
    };
    /** How often each entity is edited: the floor's records most, as in the field. */
    const WEIGHTS: Record<PushEntity, number> = { visit: 2, finding: 3, action: 1, mystery_template: 1, mystery_shop: 1, experiment: 1, kpi: 1, kpi_measurement: 1, business_case: 1 };
    const weighted = PUSH_ENTITIES.flatMap((entity) => Array.from({ length: WEIGHTS[entity] }, () => entity));

    function remember(device: Device, key: string) {
      const entity = key.slice(0, key.indexOf(":")) as PushEntity;
      if (!device.records.has(key)) device.known[entity].push(key);
    }

    /** Makes a change on the device: applied locally at once, queued in the outbox. Only what the rule book allows, as the device knows the record. */
    function record(device: Device, entity: PushEntity, entityId: string, op: "upsert" | "delete", fields: Record<string, unknown>) {
      const m: Mutation = { id: random.uuid(), entity, entityId, op, fields, hlc: device.clock.next() };
      const key = `${entity}:${entityId}`;
      const facts = factsOn(device, key);
      const verdict = op === "delete" ? canDelete(device.person, entity, facts!) : canEdit(device.person, entity, facts, fields);
      if (!verdict.ok) throw new Error(`${device.name} generated a change the rule book refuses: ${JSON.stringify(m)}: ${verdict.message}`);
      if (!creator.has(key) && !initial.has(key)) creator.set(key, device.userId);
      remember(device, key);
      if (!device.authors.has(key)) device.authors.set(key, device.userId);
      device.records.set(key, applyChange(device.records.get(key) ?? emptyRecord(), m).state);
      device.own.set(key, [...(device.own.get(key) ?? []), m]);
      device.outbox.push(m);
      all.push(m);
      personOf.set(m.id, device.person);
      seenStatus.set(m.id, facts?.status ?? null);
      stats.mutations += 1;
    }

    /** A random record of the pool the device's person may change (`may`), or undefined after a few tries. */
    function pickRecord(device: Device, pool: string[], may: (facts: RecordFacts) => boolean): string | undefined {
      for (let attempt = 0; attempt < 8 && pool.length > 0; attempt++) {
        const key = random.pick(pool);
        if (may(factsOn(device, key)!)) return key;
      }
      return undefined;
    }

    function localEdit(device: Device) {
      const roll = random.next();
      const entity = random.pick(weighted.filter((candidate) => canCreate(device.person, candidate).ok));
      const generate = GENERATE[entity];
      // A new record, when what it must name (an action's finding, a shop's template, a measurement's KPI) is known.
      const required = roll < 0.35 && Object.fromEntries(REQUIRED[entity].map((field) => [field, generate[field]!(device, null)]));
      if (required && Object.values(required).every((value) => value !== undefined)) {
        const fields: Record<string, unknown> = required;
        for (const field of Object.keys(generate)) {
          if (field in fields || !random.chance(0.4)) continue;
          const value = generate[field]!(device, null);
          if (value !== undefined) fields[field] = value;
        }
        record(device, entity, random.uuid(), "upsert", fields);
        return;
      }
      // Mostly live records; sometimes one already deleted here (another device may not know yet).
      let pool = random.chance(0.93) ? liveKeys(device, entity) : device.known[entity];
      const working = entity === "finding" && random.chance(0.5);
      if (working) {
        // As people work: CX triages what just came in; the others go on with what they captured last.
        // So triage and its authors meet on the same findings, and a device is sometimes behind.
        pool = triages(device.person)
          ? pool.filter((key) => device.records.get(key)!.fields.status === "new").slice(-6)
          : pool.filter((key) => device.authors.get(key) === device.userId).slice(-6);
      }
      // Now and then a record is archived; more often a finding its author went back to that came to nothing.
      if (roll > (working && !triages(device.person) ? 0.88 : 0.95)) {
        const key = pickRecord(device, pool, (facts) => canDelete(device.person, entity, facts).ok);
        if (key) record(device, entity, idOf(key), "delete", {});
        return;
      }
      const key = pickRecord(device, pool, (facts) => editableFields(device, entity, facts).length > 0);
      if (!key) return;
      const facts = factsOn(device, key);
      const editable = editableFields(device, entity, facts);
      const fields: Record<string, unknown> = {};
      const count = random.int(1, 3);
      for (let i = 0; i < count; i++) {
        const field = random.pick(editable);
        const value = generate[field]!(device, facts);
        if (value !== undefined) fields[field] = value;
      }
      // Triage moves a finding on from new; an author going back to a finding links it now and then.
      if (working) {
        const onward = findingStatuses(device, facts).filter((status) => status !== "new");
        if (onward.length > 0 && (triages(device.person) || random.chance(0.3))) fields.status = random.pick(onward);
      }
      if (Object.keys(fields).length) record(device, entity, idOf(key), "upsert", fields);
    }

    // ---- the network --------------------------------------------------------------------

    /** One push as the server sees it; every answer it gives is counted, delivered or not. */
    async function serverPush(device: Device, body: { clientId: string; mutations: Mutation[] }): Promise<PushResponse> {
      stats.pushRequests += 1;
      const res = await device.agent.post(`${base}/sync/push`, body);
      if (res.status !== 200) {
        serverErrors.push(`push by ${device.name}: ${res.status} ${res.text.slice(0, 200)}`);
        throw new Error(`push answered ${res.status}`);
      }
      const json = res.json as PushResponse;
      served.push({ device, mutations: body.mutations, response: json });
      for (const result of json.results) {
        if (result.status === "applied") appliedAnswers.set(result.id, (appliedAnswers.get(result.id) ?? 0) + 1);
        if (result.status === "duplicate") stats.duplicatesAnswered += 1;
        if (result.status === "rejected") rejectedAnswers.set(result.id, [...(rejectedAnswers.get(result.id) ?? []), JSON.stringify(result.error)]);
      }
      return json;
    }

    /** The device's view of a push: the server's answer, or null when the network failed it. */
    async function networkPush(device: Device, body: { clientId: string; mutations: Mutation[] }): Promise<PushResponse | null> {
      if (lossless) return serverPush(device, body);
      const roll = random.next();
      if (roll < 0.12) {
        stats.dropBefore += 1;
        return null;
      }
      if (roll < 0.2) {
        // Stuck in the network: the device times out; it reaches the server some rounds later.
        stats.delayed += 1;
        delayedPushes.push({ device, body });
        return null;
      }
      if (roll < 0.3) {
        stats.duplicated += 1;
        let answers: PushResponse[];
        if (random.chance(0.5)) {
          stats.duplicatedConcurrent += 1;
          answers = await Promise.all([serverPush(device, body), serverPush(device, body)]);
        } else {
          answers = [await serverPush(device, body), await serverPush(device, body)];
        }
        return random.pick(answers);
      }
      const answer = await serverPush(device, body);
      if (roll < 0.42) {
        stats.dropAfter += 1;
        return null;
      }
      return answer;
    }

    async function networkPull(device: Device, since: string, limit: number): Promise<PullResponse | null> {
      stats.pulls += 1;
      if (!lossless && random.chance(0.08)) {
        stats.pullDrops += 1;
        return null;
      }
      const res = await device.agent.get(`${base}/sync/pull?since=${encodeURIComponent(since)}&limit=${limit}`);
      if (res.status !== 200) {
        serverErrors.push(`pull by ${device.name}: ${res.status} ${res.text.slice(0, 200)}`);
        throw new Error(`pull answered ${res.status}`);
      }
      if (!lossless && random.chance(0.08)) {
        stats.pullDrops += 1;
        oldPages.push(res.json);
        return null;
      }
      return res.json as PullResponse;
    }

    /** Merges pulled changes: synced records field by field, settings as the newest state. */
    function mergePage(device: Device, changes: PulledChange[], settings = true) {
      for (const change of changes) {
        const key = `${change.entity}:${change.entityId}`;
        if (!SYNCED.has(change.entity)) {
          if (settings) device.settings.set(key, change.fields);
          continue;
        }
        const pulled = stateFromPull(change);
        for (const hlc of Object.values(pulled.clocks)) device.clock.observe(hlc);
        if (pulled.deletedAt) device.clock.observe(pulled.deletedAt);
        remember(device, key);
        if (typeof change.fields.authorId === "string") device.authors.set(key, change.fields.authorId);
        device.pulled.set(key, mergeStates(device.pulled.get(key) ?? emptyRecord(), pulled));
        device.records.set(key, mergeStates(device.records.get(key) ?? emptyRecord(), pulled));
      }
    }

    /** Push the outbox in batches, then pull every page; stops at the first network failure. */
    async function sync(device: Device) {
      if (device.offline && !lossless) {
        stats.offlineSyncs += 1;
        return;
      }
      while (device.outbox.length > 0) {
        const batch = device.outbox.slice(0, random.int(1, 40));
        const answer = await networkPush(device, { clientId: device.clientId, mutations: batch });
        if (!answer) return;
        // Applied and duplicate leave the outbox; so does a rejection, which the device undoes.
        const done = new Set(answer.results.map((r) => r.id));
        device.outbox = device.outbox.filter((m) => !done.has(m.id));
        for (const result of answer.results) if (result.status === "rejected") undo(device, batch.find((m) => m.id === result.id)!);
      }
      for (let page = 0; page < 10_000; page++) {
        const limit = lossless ? 500 : random.int(3, 60);
        const response = await networkPull(device, device.cursor, limit);
        if (!response) return;
        mergePage(device, response.changes);
        if (!lossless && random.chance(0.05)) {
          // The same page delivered twice.
          stats.pullPageReplays += 1;
          mergePage(device, response.changes);
        }
        device.cursor = response.cursor;
        if (!lossless && random.chance(0.1)) oldPages.push(response);
        if (!response.hasMore) return;
      }
      throw new Error("pull never finished");
    }

    /** A refused change is undone: the record shows what was pulled, with the device's other changes. */
    function undo(device: Device, refused: Mutation) {
      stats.undone += 1;
      const key = `${refused.entity}:${refused.entityId}`;
      const own = (device.own.get(key) ?? []).filter((m) => m.id !== refused.id);
      device.own.set(key, own);
      device.records.set(key, own.reduce((state, m) => applyChange(state, m).state, device.pulled.get(key) ?? emptyRecord()));
    }

    async function deliverDelayed(all = false) {
      const now: typeof delayedPushes = [];
      for (let i = delayedPushes.length - 1; i >= 0; i--) {
        if (all || random.chance(0.25)) now.push(...delayedPushes.splice(i, 1));
      }
      // Late, and in no particular order.
      now.sort(() => random.next() - 0.5);
      for (const { device, body } of now) {
        stats.delayedDelivered += 1;
        const answer = await serverPush(device, body);
        stats.delayedApplied += answer.results.filter((r) => r.status === "applied").length;
      }
    }

    /** A stale pull page arriving late: merged (it must never undo newer state), cursor untouched. */
    function staleMerge(device: Device) {
      if (oldPages.length === 0) return;
      stats.stalePagesMerged += 1;
      // Settings carry no clocks, so only ordered pages may set them; records merge safely in any order.
      mergePage(device, random.pick(oldPages).changes, false);
    }

    // ---- the simulation -----------------------------------------------------------------

    let lastRename: { id: string; name: string } | undefined;
    for (const device of devices) await sync(device);
    for (let round = 0; round < ROUNDS; round++) {
      stats.rounds = round;
      simNow += random.chance(0.2) ? 0 : random.int(1, 2500);
      const actors = random.chance(0.2) ? [random.pick(devices), random.pick(devices)] : [random.pick(devices)];
      const unique = [...new Set(actors)];
      if (unique.length > 1) stats.concurrentRounds += 1;
      for (const device of unique) {
        // Now and then a device is out of reach for a stretch: meanwhile the others (CX's triage too) go on.
        if (random.chance(device.offline ? 0.1 : 0.04)) device.offline = !device.offline;
        const edits = random.int(0, 3);
        for (let i = 0; i < edits; i++) localEdit(device);
        if (random.chance(0.05)) staleMerge(device);
      }
      const work: Promise<unknown>[] = unique.map((device) => sync(device));
      if (delayedPushes.length && random.chance(0.5)) work.push(deliverDelayed());
      if (random.chance(0.01)) {
        // An admin renames a location on the settings screen, in the middle of everything.
        const id = random.pick(locationIds);
        const name = `Location ${round}`;
        lastRename = { id, name };
        stats.renames += 1;
        work.push(
          org.admin.patch(`${base}/locations/${id}`, { name }).then((res) => {
            if (res.status !== 200) serverErrors.push(`rename: ${res.status} ${res.text}`);
          }),
        );
      }
      await Promise.all(work);
    }

    // ---- the end: everything delivered, every device synced without loss, twice -----------

    await deliverDelayed(true);
    lossless = true;
    for (let pass = 0; pass < 2; pass++) for (const device of devices) await sync(device);

    // Applied (by some delivery) or refused (by every delivery): the server's word on each change.
    const kept = all.filter((m) => appliedAnswers.has(m.id));
    const refused = all.filter((m) => !appliedAnswers.has(m.id));
    stats.refused = refused.length;
    if (process.env.SYNC_FAULT_STATS) console.log(JSON.stringify({ ...stats, all: all.length }));
    const context = `seed ${SEED}, ${ROUNDS} rounds, stats ${JSON.stringify(stats)}`;
    expect(serverErrors, context).toEqual([]);
    for (const device of devices) expect(device.outbox, `${device.name} outbox; ${context}`).toEqual([]);

    // Every answer is the rule book's for the record as the server held it when it handled the
    // push: the pushes replayed in the server's order, on shared/permissions.ts and the shared merge.
    const replayed = replay(new Map([...initial].map(([key, state]) => [key, { authorId: initialAuthors.get(key)!, state }])), served);
    expect(replayed.mismatches.slice(0, 10), context).toEqual([]);
    expect([...replayed.applied].sort(), context).toEqual(kept.map((m) => m.id).sort());
    // A change is refused only because its device was behind: the record's status on the server had
    // moved on (a triage, or another device of the same person) from the one the device made it against.
    expect(replayed.refusals.filter((r) => r.status === seenStatus.get(r.id)).map((r) => JSON.stringify(r)), context).toEqual([]);
    expect(refused.filter((m) => !(rejectedAnswers.get(m.id) ?? []).length).map((m) => m.id), "a change neither applied nor refused was lost").toEqual([]);
    // Refused as forbidden; or, a visit deleted on a device that did not know of a finding made on it yet, as locked.
    const expectedCode = (m: Mutation, code: string) => code === "forbidden" || (code === "locked" && m.op === "delete" && m.entity === "visit");
    expect(refused.flatMap((m) => rejectedAnswers.get(m.id)!.filter((error) => !expectedCode(m, JSON.parse(error).code))), context).toEqual([]);

    // Every applied mutation recorded exactly once, and answered "applied" exactly once; a refused one never recorded.
    const ids = new Set(all.map((m) => m.id));
    expect(ids.size, "generated mutation ids are unique").toBe(all.length);
    const keptIds = new Set(kept.map((m) => m.id));
    const recorded = await client.execute({ sql: "select id, count(*) as n from sync_mutations where org_id = ? group by id", args: [org.orgId] });
    expect(recorded.rows.length, context).toBe(kept.length);
    expect(recorded.rows.filter((r) => Number(r.n) !== 1 || !keptIds.has(String(r.id))), context).toEqual([]);
    expect(kept.filter((m) => appliedAnswers.get(m.id) !== 1).map((m) => `${m.id}: ${appliedAnswers.get(m.id) ?? 0}`), context).toEqual([]);

    // The model: every mutation the server applied, merged. Shuffled, it is the same (order does not matter).
    const modelOf = (mutations: Mutation[]) => {
      const model = new Map<string, RecordState>(initial);
      for (const m of mutations) {
        const key = `${m.entity}:${m.entityId}`;
        model.set(key, applyChange(model.get(key) ?? emptyRecord(), m).state);
      }
      return model;
    };
    const model = modelOf(kept);
    const shuffled = [...kept].sort(() => random.next() - 0.5);
    expect(Object.fromEntries(modelOf(shuffled))).toEqual(Object.fromEntries(model));

    // The server, read the way a new device would: a full pull, page by page.
    const server = new Map<string, RecordState>();
    const serverSettings = new Map<string, Record<string, unknown>>();
    const authors = new Map<string, unknown>();
    let cursor = "";
    for (;;) {
      const res = await org.admin.get(`${base}/sync/pull?since=${cursor}&limit=250`);
      expect(res.status).toBe(200);
      const page = res.json as PullResponse;
      for (const change of page.changes) {
        const key = `${change.entity}:${change.entityId}`;
        if (SYNCED.has(change.entity)) {
          expect(server.has(key), `${key} repeated in one full pull`).toBe(false);
          server.set(key, stateFromPull(change));
          authors.set(key, change.fields.authorId);
        } else serverSettings.set(key, change.fields);
      }
      cursor = page.cursor;
      if (!page.hasMore) break;
    }

    expect(server.size, context).toBe(model.size);
    const diff = (a: Map<string, RecordState>, b: Map<string, RecordState>) =>
      [...new Set([...a.keys(), ...b.keys()])].filter((key) => !deepEqual(a.get(key), b.get(key)));
    expect(diff(server, model).slice(0, 5).map((key) => ({ key, server: server.get(key), model: model.get(key) })), context).toEqual([]);
    for (const device of devices) {
      expect(diff(device.records, model).slice(0, 5).map((key) => ({ key, device: device.records.get(key), model: model.get(key) })), `${device.name}; ${context}`).toEqual([]);
      expect(Object.fromEntries(device.settings), `${device.name} settings`).toEqual(Object.fromEntries(serverSettings));
    }
    // The author is whoever created the record, whichever device's push got there.
    expect([...creator].filter(([key, user]) => authors.get(key) !== user), context).toEqual([]);
    if (lastRename) expect(serverSettings.get(`location:${lastRename.id}`)?.name).toBe(lastRename.name);

    // The tables hold exactly the model's records, and deletes really happened.
    for (const entity of PUSH_ENTITIES) {
      const table = getTableName(SYNC_ENTITIES[entity].table);
      const rows = await client.execute({ sql: `select count(*) as n, count(deleted_at) as d from ${table} where org_id = ?`, args: [org.orgId] });
      const states = [...model].filter(([key]) => key.startsWith(`${entity}:`)).map(([, s]) => s);
      expect(Number(rows.rows[0]!.n)).toBe(states.length);
      expect(Number(rows.rows[0]!.d)).toBe(states.filter((s) => s.deletedAt !== null).length);
    }

    // The faults really happened, in numbers.
    expect(stats.rounds + 1).toBeGreaterThanOrEqual(1000);
    expect(all.length).toBeGreaterThan(1000);
    for (const key of ["dropBefore", "dropAfter", "duplicated", "duplicatedConcurrent", "delayed", "delayedDelivered", "pullDrops", "pullPageReplays", "stalePagesMerged", "concurrentRounds", "offlineSyncs"] as const) {
      expect(stats[key], `${key}; ${context}`).toBeGreaterThan(10);
    }
    expect(stats.delayedApplied, "some late deliveries reached the server first").toBeGreaterThan(0);
    for (const entity of PUSH_ENTITIES) expect(kept.filter((m) => m.entity === entity).length, `${entity} changes applied`).toBeGreaterThan(10);
    expect(stats.duplicatesAnswered, "retries were answered as duplicates").toBeGreaterThan(100);
    expect([...model.values()].filter((s) => s.deletedAt !== null).length, "some records were deleted").toBeGreaterThan(10);
  },
  120_000,
);

/**
 * Replays one push on `held`: a mutation not applied before must be answered as the rule book
 * says for the record as it stands (earlier mutations of the push included); one applied before,
 * duplicate. A duplicate is also right when another push of the same group applied it (the
 * group's order among pushes that wrote nothing is unknown). Returns the records it changed.
 */
function replayPush(
  push: ServedPush,
  held: Map<string, Held>,
  applied: Set<string>,
  appliedInGroup: Set<string>,
  problems: string[],
  refusals: { id: string; status: string | null }[],
): string[] {
  const answers = new Map(push.response.results.map((r) => [r.id, r]));
  const changed: string[] = [];
  for (const m of push.mutations) {
    const answer = answers.get(m.id);
    const got = !answer ? "unanswered" : answer.status === "rejected" ? `rejected ${answer.error?.code}` : answer.status;
    const key = `${m.entity}:${m.entityId}`;
    const expected = applied.has(m.id) ? "duplicate" : verdictOn(push.device.person, m, held.get(key), held);
    if (got === "duplicate" && appliedInGroup.has(m.id)) continue;
    // A visit another device had meanwhile made a finding on is refused for that (locked), not for being behind on its status.
    const visitLocked = m.op === "delete" && m.entity === "visit" && expected === "rejected locked";
    if (answer?.status === "rejected" && !visitLocked) refusals.push({ id: m.id, status: (held.get(key)?.state.fields.status as string | undefined) ?? null });
    if (got !== expected) {
      problems.push(`${m.id} (${m.op} ${key} ${JSON.stringify(m.fields)} by ${push.device.name}, held ${JSON.stringify(held.get(key)?.state.fields.status)}): answered ${got}, the rule book says ${expected}`);
    }
    if (got === "applied") {
      applied.add(m.id);
      const before = held.get(key);
      const next = applyChange(before?.state ?? emptyRecord(), m);
      if (next.changed || !before) changed.push(key);
      held.set(key, { authorId: before?.authorId ?? push.device.person.id, state: next.state });
    }
  }
  return changed;
}

/**
 * Replays every push the server answered, in the order the server handled them. SQLite runs one
 * writer at a time and every push answers with the change sequence as it left it: a push that
 * wrote took new numbers, so pushes sort by that number; pushes that share one are a push that
 * wrote (first) and pushes after it that wrote nothing — which one wrote is tried out. Returns
 * the ids applied, every answer that is not the rule book's (or an order that cannot be), and
 * each refusal with the record's status when it was refused.
 */
function replay(initial: Map<string, Held>, served: ServedPush[]) {
  const sorted = served.map((push, index) => ({ push, index, seq: parseCursor(push.response.cursor)! })).sort((a, b) => a.seq - b.seq || a.index - b.index);
  const groups: ServedPush[][] = [];
  for (const [i, entry] of sorted.entries()) {
    if (i > 0 && sorted[i - 1]!.seq === entry.seq) groups.at(-1)!.push(entry.push);
    else groups.push([entry.push]);
  }
  let held = new Map(initial);
  let applied = new Set<string>();
  const mismatches: string[] = [];
  const refusals: { id: string; status: string | null }[] = [];
  for (const group of groups) {
    const appliedInGroup = new Set(group.flatMap((push) => push.response.results.filter((r) => r.status === "applied").map((r) => r.id)));
    let best: { held: Map<string, Held>; applied: Set<string>; problems: string[]; refusals: typeof refusals } | undefined;
    for (let first = 0; first < group.length; first++) {
      const tryHeld = group.length > 1 ? new Map(held) : held;
      const tryApplied = group.length > 1 ? new Set(applied) : applied;
      const problems: string[] = [];
      const tryRefusals: typeof refusals = [];
      const ordered = [group[first]!, ...group.filter((_, i) => i !== first)];
      for (const [i, push] of ordered.entries()) {
        const changed = replayPush(push, tryHeld, tryApplied, appliedInGroup, problems, tryRefusals);
        if (i > 0 && changed.length > 0) problems.push(`a push by ${push.device.name} took no new sequence number (${push.response.cursor}), yet changed ${changed.join(", ")}`);
      }
      if (!best || problems.length < best.problems.length) best = { held: tryHeld, applied: tryApplied, problems, refusals: tryRefusals };
      if (problems.length === 0) break;
    }
    held = best!.held;
    applied = best!.applied;
    mismatches.push(...best!.problems);
    refusals.push(...best!.refusals);
  }
  return { applied, mismatches, refusals };
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
