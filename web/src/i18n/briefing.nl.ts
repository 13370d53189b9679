import type { BriefingDictionary } from "./briefing.en";

/** Texts of a visit's briefing and of looking again at earlier findings, in Dutch. */
export const briefingNl: BriefingDictionary = {
  "followUp.heading": "Nog open bij {location}",
  "followUp.intro": "Van eerdere bezoeken. Open bevindingen: {findings}, open acties: {actions}. Volg ze op in plaats van blanco te beginnen.",
  "followUp.none": "Hier staat niets open van eerdere bezoeken.",
  "followUp.actions": "Open acties",
  "followUp.findings": "Open bevindingen",
  "followUp.showAll": "Alle {count} tonen",

  "briefing.title": "Voorbereiding: {location}",
  "briefing.start": "Bezoek starten",
  "briefing.startHint": "Het begint nu; de tijd kun je later nog aanpassen.",
  "briefing.otherPlace": "Andere plek of soort kiezen",
  "briefing.unknownPlace": "Deze plek staat (niet meer) op dit apparaat.",
  "briefing.mystery": "Mystery shop",
  "briefing.mysteryOn": "bij de laatste mystery shop, {date}",
  "briefing.mysteryFailed": "Onvoldoende op een kritieke vraag",
  "briefing.mysteryUp": "{points} punten hoger dan de vorige shop",
  "briefing.mysteryDown": "{points} punten lager dan de vorige shop",
  "briefing.mysterySame": "gelijk aan de vorige shop",
  "briefing.mysteryNone": "Hier nog geen mystery shop.",
  "briefing.mysteryTrend": "Scores door de tijd",

  "recheck.label": "Opnieuw bekeken",
  "recheck.hint": "Kijk nog eens: tik per bevinding op „Opgelost” of „Nog steeds gezien”. CX operations ziet het en beslist wat er verder gebeurt.",
  "recheck.fixed": "Opgelost",
  "recheck.stillSeen": "Nog steeds gezien",
  "recheck.recordedFixed": "Vastgelegd: opgelost.",
  "recheck.recordedStillSeen": "Vastgelegd: nog steeds gezien.",
  "recheck.fixedPer": "Opgelost volgens {name}, {date}",
  "recheck.stillSeenPer": "Nog steeds gezien volgens {name}, {date}",
  "recheck.someone": "een collega",
};
