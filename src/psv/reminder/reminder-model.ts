import type { PsvAssumptions } from "../assumptions.js";
import { DEFAULT_REMINDER, leadBandOf } from "./lead-bands.js";

/** What a reached reminder does, by lead-time band and stage, and the dealer's reach rate. @internal */
export interface ReminderModel {
  readonly byLead: readonly number[];
  readonly byStage: readonly number[];
  readonly reach: number;
}

/** The reminder model of assumptions, the documented defaults where they say nothing. @internal */
export function reminderModel(a: PsvAssumptions): ReminderModel {
  return {
    byLead: a.reminderEffectByLead ?? DEFAULT_REMINDER.byLead,
    byStage: a.reminderStageFactors ?? DEFAULT_REMINDER.byStage,
    reach: a.reminderReach ?? DEFAULT_REMINDER.reach,
  };
}

/** The share of the chance of not coming back that a reached reminder removes, `leadDays` before a visit of `stage`. @internal */
export function reminderEffectAt(model: ReminderModel, leadDays: number, stage: number): number {
  const band = leadBandOf(leadDays);
  if (band < 0) return 0;
  return Math.min(1, (model.byLead[band] as number) * (model.byStage[stage] as number));
}
