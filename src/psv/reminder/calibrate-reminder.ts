import type { InvalidInputError } from "../../errors.js";
import type { PsvAssumptions } from "../assumptions.js";
import type { DealerVehicles } from "../dealer-records.js";
import { DUE_STAGE_NAMES } from "../maintenance-timeline.js";
import { readContacts } from "../read-contacts.js";
import { contactOutcomes, type MaintenanceVisits } from "./contact-outcomes.js";
import {
  LEAD_BANDS,
  learnReminderEffect,
  type ReminderCounts,
  type ReminderEffectEvidence,
  reminderCounts,
} from "./learn-effect.js";
import { reminderModel } from "./reminder-model.js";

/** What `psv.calibrate` learned about reminders from the campaign log, and the evidence behind it. */
export interface ReminderCalibration {
  /** "data": learned from the log (shrunk toward the defaults where it says little); "default": no usable log. */
  readonly source: "data" | "default";
  /** The dealer's reach rate: attempts whose outcome the log gives, and those that reached the owner. */
  readonly reach: { readonly value: number; readonly attempts: number; readonly reached: number };
  /** Per lead-time band (days before the due date, negative: overdue): the evidence and the effect used. */
  readonly byLead: readonly (ReminderEffectEvidence & { readonly fromDays: number; readonly toDays: number })[];
  /** The sampling covariance of the bands' values (parametric bootstrap through the learner); null without a log. */
  readonly byLeadCovariance: number[][] | null;
  /** Per stage of the due visit: the evidence and the factor used (× the band's effect). */
  readonly byStage: readonly (ReminderEffectEvidence & { readonly stage: string })[];
  /** Contacts whose outcome was used, left out because their window was still open at asOf, or outside the bands. */
  readonly contacts: { readonly used: number; readonly censored: number; readonly outsideBands: number };
}

/** What the reminder stage of a calibration needs. @internal */
export interface ReminderInput {
  readonly contacts: unknown;
  readonly fleet: DealerVehicles;
  readonly kmPerYear: Float64Array;
  readonly visits: MaintenanceVisits;
  /** The calibrated assumptions (schedule, delays), whose reminder fields are the defaults to shrink toward. */
  readonly a: PsvAssumptions;
  readonly asOf: number;
  readonly errors: InvalidInputError[];
}

/** A partition's campaign-log counts: the contacts read (bad rows into `errors`) and their outcomes. @internal */
export function reminderCountsOf(input: ReminderInput): ReminderCounts {
  const contacts = readContacts(input.contacts, input.fleet, input.asOf, input.errors);
  return reminderCounts(contacts, contactOutcomes({ ...input, contacts }));
}

/**
 * The reminder effect by lead time and stage and the dealer's reach rate, learned from a campaign log's counts (see
 * learnReminderEffect; undefined: no log); without a log, the assumptions' own values as the evidence-free default. @internal
 */
export function calibrateReminder(counts: ReminderCounts | undefined, a: PsvAssumptions): ReminderCalibration {
  const model = reminderModel(a);
  if (counts === undefined) return defaultCalibration(model);
  const learned = learnReminderEffect(counts, model);
  return {
    source: learned.source,
    reach: { value: learned.reach, attempts: learned.attempts, reached: learned.reached },
    byLead: learned.leadEvidence.map((entry, band) => ({ ...(LEAD_BANDS[band] as (typeof LEAD_BANDS)[0]), ...entry })),
    byLeadCovariance: learned.source === "data" ? learned.byLeadCovariance : null,
    byStage: learned.stageEvidence.map((entry, stage) => ({ stage: DUE_STAGE_NAMES[stage] as string, ...entry })),
    contacts: { used: learned.used, censored: learned.censored, outsideBands: learned.outsideBands },
  };
}

function defaultCalibration(model: ReturnType<typeof reminderModel>): ReminderCalibration {
  const none = { treated: 0, control: 0, notBackTreated: Number.NaN, notBackControl: Number.NaN };
  const unknown = { estimate: Number.NaN, low: Number.NaN, high: Number.NaN };
  return {
    source: "default",
    reach: { value: model.reach, attempts: 0, reached: 0 },
    byLead: LEAD_BANDS.map((band, k) => ({ ...band, ...none, ...unknown, value: model.byLead[k] as number })),
    byLeadCovariance: null,
    byStage: DUE_STAGE_NAMES.map((stage, k) => ({ stage, ...none, ...unknown, value: model.byStage[k] as number })),
    contacts: { used: 0, censored: 0, outsideBands: 0 },
  };
}
