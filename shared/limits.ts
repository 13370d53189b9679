/**
 * How much a person may type, attach or enter, in one place: the zod schemas refuse more on the
 * server, the forms show each limit before it is reached and refuse more on the device. Deliberately free of zod, so a screen that imports a limit does not load the schemas.
 * Lengths count as zod's `max()` counts them: UTF-16 code units (`string.length`).
 */

/** A long free text: what a customer saw, felt and expected; a case's summary; an experiment's notes; a mystery-shop answer. */
export const TEXT_MAX = 5000;

/** A visit's notes, often dictated on the spot. */
export const VISIT_NOTES_MAX = 20_000;

/** A description or a reason: what an experiment changes, what a case asks, why a move is made. */
export const DESCRIPTION_MAX = 2000;

/** A name or a title: a KPI, an experiment, a business case, an option, a questionnaire. */
export const TITLE_MAX = 200;

/** The title of a risk or of a block of an experiment's plan. */
export const ITEM_TITLE_MAX = 300;

/** One line: an action to take, a mystery-shop question, a note on a measurement. */
export const LINE_MAX = 500;

/** A short label: what a case counts, a team member's name. */
export const LABEL_MAX = 100;

/** Tags on a finding, and the length of each. */
export const MAX_TAGS = 30;
export const TAG_MAX = 40;

/** Photos on a finding. */
export const MAX_PHOTOS = 30;

/**
 * A photo upload refused because the organisation's photos fill its quota (PHOTO_QUOTA_MB) is a
 * 413 with this code, and the quota in MB in this header, so the device can say so in its words.
 */
export const PHOTO_QUOTA_EXCEEDED = "photo_quota_exceeded";
export const PHOTO_QUOTA_HEADER = "X-Photo-Quota-MB";

/** The largest required sample size an experiment records (per variant). */
export const MAX_SAMPLE_SIZE = 1e12;

/** Floor visits a month each director is expected to make: a month has at most 31 days. */
export const MAX_VISIT_TARGET = 31;

/** A count of users or observations: a result's group, a measurement's sample. */
export const MAX_COUNT = 1e12;

/** A mystery-shop questionnaire: its sections, the questions of a section, the weight of one question. */
export const MAX_SECTIONS = 50;
export const MAX_QUESTIONS = 100;
export const MAX_QUESTION_WEIGHT = 100;

/** A business case's ramp-up: months from go-live to the full benefit. */
export const MAX_RAMP_UP_MONTHS = 36;

/** The locations a case's benefit is measured at. */
export const MAX_SCOPE_LOCATIONS = 1000;
