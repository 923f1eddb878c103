import type { InputIssue } from "../errors.js";
import { shown } from "../errors-shown.js";
import { type OptionNames, type OptionsPlace, readOptions } from "../input/read-options.js";

/**
 * Merges user overrides over numeric defaults and lists every setting that is not a finite number > 0, so that
 * settings objects (service schedules, lifecycle rules) are checked the same way. @internal
 */
export function mergePositiveSettings<Settings extends object>(
  defaults: Settings,
  overrides: Partial<Settings> | undefined,
  subject: string,
  place: OptionsPlace = {},
): { merged: Settings; issues: InputIssue[] } {
  // The defaults name every setting: a name not among them is a typed error naming the closest.
  const read = readOptions(subject, overrides, defaults as unknown as OptionNames<Partial<Settings>>, place);
  const merged = { ...defaults, ...read };
  const issues = Object.entries(merged)
    .filter(([, value]) => !(typeof value === "number" && Number.isFinite(value) && value > 0))
    .map(([name, value]) => ({
      code: "custom",
      path: [...(place.path ?? []), name],
      message: `must be a finite number > 0, got ${shown(value)}`,
    }));
  return { merged, issues };
}
