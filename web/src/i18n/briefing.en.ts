/** Texts of a visit's briefing and of looking again at earlier findings, in English (`briefing.nl.ts` mirrors the keys). */
export const briefingEn = {
  "followUp.heading": "Still open at {location}",
  "followUp.intro": "From earlier visits. Open findings: {findings}, open actions: {actions}. Follow them up rather than starting blank.",
  "followUp.none": "Nothing open here from earlier visits.",
  "followUp.actions": "Open actions",
  "followUp.findings": "Open findings",
  "followUp.showAll": "Show all {count}",

  "briefing.title": "Briefing: {location}",
  "briefing.start": "Start visit",
  "briefing.startHint": "It starts now; you can change the time later.",
  "briefing.otherPlace": "Choose another place or kind",
  "briefing.unknownPlace": "This place is not on this device (any more).",
  "briefing.mystery": "Mystery shop",
  "briefing.mysteryOn": "at the last mystery shop, {date}",
  "briefing.mysteryFailed": "Failed on a critical question",
  "briefing.mysteryUp": "{points} points up on the shop before",
  "briefing.mysteryDown": "{points} points down on the shop before",
  "briefing.mysterySame": "the same as the shop before",
  "briefing.mysteryNone": "No mystery shop here yet.",
  "briefing.mysteryTrend": "Scores over time",

  "recheck.label": "Looked again",
  "recheck.hint": "Look again: tap “Fixed” or “Still seen” for each. CX operations see it and decide what happens next.",
  "recheck.fixed": "Fixed",
  "recheck.stillSeen": "Still seen",
  "recheck.recordedFixed": "Recorded: fixed.",
  "recheck.recordedStillSeen": "Recorded: still seen.",
  "recheck.fixedPer": "Fixed per {name}, {date}",
  "recheck.stillSeenPer": "Still seen per {name}, {date}",
  "recheck.someone": "a colleague",
};
export type BriefingDictionary = Record<keyof typeof briefingEn, string>;
