/**
 * Texts of what the board reads and decides on: the frozen submission of a case, what changed
 * since, its guardrails and statistical quality, the resolution, the meeting pack's summary page
 * and the printed page's footer, and the figures behind the board view's tiles. A text pack
 * (packs.ts): loaded with the case screens and the board view, not carried by the shell.
 */
export const decideEn = {
  // The packs (moved from the shell: only the case screens and packs read them)
  "pack.title": "Board pack",
  "pack.titleOf": "Board pack: {title}",
  "pack.print": "Print / save as PDF",
  "pack.backToCase": "← Back to the case",
  "pack.kicker": "Business case",
  "pack.owner": "Owner: {name}",
  "pack.theme": "Theme: {name}",
  "pack.updated": "Last changed {when}",
  "pack.noAsk": "No ask written yet.",
  "pack.noRecommendation": "No recommendation written yet.",
  "pack.theKpi": "the KPI",
  "pack.basis": "Lift on {kpi}: low {low}, base {base}, high {high}; {volume} {label} × {value} each; investment {investment}, running cost {running} a year, {years} at {rate}.",
  "pack.overridden": "Lift overridden:",
  "pack.evidenceHeading": "Evidence from the floor",
  "pack.change": "Change tested: {change}",
  "pack.noFindings": "No findings linked to this case.",
  "pack.saw": "Saw:",
  "pack.felt": "Felt:",
  "pack.expectation": "Expectation not met:",
  "pack.photoAlt": "Photo {n}: {saw}",
  "pack.risk": "Risk",
  "meeting.title": "Meeting pack",
  "meeting.backToCases": "← All business cases",
  "meeting.empty": "No submitted cases: nothing for the board to decide.",

  // Which version the board reads
  "pack.version": "Version {version}, submitted {when} by {name}",
  "pack.asItStands": "Not submitted: the case as it stands",
  "pack.askFigures": "Investment {investment} one-off and {running} a year, over {years}.",
  "pack.askFiguresNone": "The figures are not complete yet.",

  // What changed
  "changes.heading": "Changed since version {version}",
  "changes.field": "{field}: {from} → {to}",
  "changes.text": "{field}: changed. Now: “{to}”",
  "changes.list": "{field}: changed",
  "changes.npv": "NPV low / base / high: {from} → {to}",
  "changes.none": "none",
  "changes.askStale": "The ask reads as in version {version} although the money changed: decide on the figures below.",
  "changes.field.annualVolume": "Annual volume",
  "changes.field.liftOverrideReason": "Reason for the lift",
  "changes.field.title": "Title",
  "changes.evidence.status": "“{title}”: status {from} → {to}",
  "changes.evidence.result": "“{title}”: the result on {kpi} changed: {from} → {to}",
  "changes.evidence.guardrail": "“{title}”: the guardrail {kpi} changed: {from} → {to}",
  "changes.evidence.sample": "“{title}”: its sample sizes changed",
  "changes.evidence.srm": "“{title}”: its sample-ratio check changed",
  "changes.evidence.kpis": "“{title}”: its KPIs changed",
  "changes.evidence.removed": "“{title}” is no longer there",
  "changes.evidence.added": "“{title}” was added",
  "changes.option.investment": "Option “{title}”: one-off investment {from} → {to}",
  "changes.option.runningCostPerYear": "Option “{title}”: running cost per year {from} → {to}",
  "changes.option.annualBenefit": "Option “{title}”: benefit a year {from} → {to}",
  "changes.option.renamed": "Option “{from}” is now called “{title}”",
  "changes.option.described": "Option “{title}”: description changed",
  "changes.option.added": "Option “{title}” added",
  "changes.option.removed": "Option “{title}” dropped",
  "changes.noResult": "no result",
  "changes.sinceSubmission": "Changed since submission: the evidence no longer matches what was submitted.",
  "changes.sinceDecision": "Changed since the decision: the evidence no longer matches what was decided on.",
  "changes.sentBack": "Sent back to draft on {when} ({name}): the evidence changed while version {version} was before the board.",

  // Guardrails and statistical quality
  "quality.heading": "Guardrails and statistical quality",
  "quality.srmOk": "Group sizes as planned (sample-ratio check p {p}).",
  "quality.srmMismatch": "Sample-ratio mismatch (p {p}): the groups are not what was planned; fix before reading the result.",
  "quality.sampleReached": "Sample size reached: {control} and {treatment} per group, {required} needed.",
  "quality.sampleShort": "Short sample: {control} and {treatment} per group of the {required} needed.",
  "quality.sampleUnknown": "No required sample size was set: it is not known whether the groups were large enough.",
  "quality.pilot": "Store pilot: {pilot} pilot against {control} control locations, {pre} periods before and {post} from the start; randomisation p {p}.",
  "quality.beforeAfter": "Before and after in {pilot} locations, without control locations: the season is in this number.",
  "quality.guardrailHeld": "Guardrail {kpi}: held ({low} to {high}).",
  "quality.guardrailHurt": "Guardrail {kpi}: hurt, likely worse ({low} to {high}).",
  "quality.noResult": "{kpi}: no result.",
  "quality.flag.ok": "Guardrails held, samples reached",
  "quality.flag.srm": "Sample-ratio mismatch",
  "quality.flag.short": "Short sample",
  "quality.flag.hurt": "Guardrail hurt",
  "quality.flag.missing": "Result missing",
  "quality.flag.guardrailMissing": "A guardrail has no result",

  // The resolution
  "resolution.heading": "Resolution",
  "resolution.proposed": "The board is asked to approve “{title}”: {figures}",
  "resolution.record": "Decision of the board",
  "resolution.reason": "Reason",
  "resolution.signed": "Date and signature",
  "resolution.decided": "{status} on {when} by {name}, on version {version}:",
  "resolution.draft": "Not before the board yet: no resolution.",

  // The meeting pack
  "meeting.date": "Meeting date",
  "meeting.name": "Meeting",
  "meeting.defaultName": "Board meeting",
  "meeting.coverLabel": "Cover",
  "meeting.cover": "Board meeting pack",
  "meeting.for.one": "{count} case for decision",
  "meeting.for.other": "{count} cases for decision",
  "meeting.col.case": "Case",
  "meeting.col.ask": "The ask",
  "meeting.col.npv": "NPV low / base / high",
  "meeting.col.evidence": "Evidence",
  "meeting.caseNumber": "Case {n}",
  "meeting.findingsHeading": "Evidence from the floor, each finding once",
  "pack.findingRefs": "Findings from the floor: {refs} (at the end of the pack).",
  "pack.findingNumber": "F{n}",

  // The printed page
  "print.footer": "{org} · {date}",
  "print.footerMeeting": "{org} · {meeting} · {date}",
  "print.page": "Page {page} of {pages}",

  // Counted things
  "case.years.one": "{n} year",
  "case.years.other": "{n} years",
  "board.cases.approved.one": "approved case",
  "board.cases.approved.other": "approved cases",
  "board.kpis.points.one": "{value} point",
  "board.kpis.points.other": "{value} points",

  // History
  "history.version": "Version {version}",

  // The board view's tiles, opened
  "drill.caption": "Approved cases: what each promised and delivered",
  "drill.npv": "NPV (base)",
  "drill.annual": "Benefit a year",
  "drill.toDate": "Target to date",
  "drill.delivered": "Delivered",
  "drill.total": "Total",
  "drill.none": "No approved cases yet.",
  "drill.older": "Refresh the board view to see the figures per case.",
  "drill.outcomes": "Experiments with an outcome",
  "drill.outcome": "{status}: {count}",
  "drill.winRate": "Win rate {rate}: {won} won of {decided} with an outcome (won, lost or inconclusive).",
};

export type DecideDictionary = { readonly [K in keyof typeof decideEn]: string };
