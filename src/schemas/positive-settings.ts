import type { InputIssue } from "../errors.js";
import { shown } from "../errors-shown.js";
import { type OptionNames, type OptionsPlace, readOptions } from "../input/read-options.js";

/**
 * Merges user overrides over numeric defaults and lists every setting that is not a number within a factor 1000 of
 * its default (a schedule of 1e16 months gave an Invalid Date, one of 1e-300 a hang), so that settings objects (service schedules, lifecycle rules) are checked the same way. @internal
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
    .filter(([name, value]) => {
      const usual = (defaults as Record<string, number>)[name] as number;
      return !(typeof value === "number" && value >= usual / 1000 && value <= usual * 1000);
    })
    .map(([name, value]) => {
      const usual = (defaults as Record<string, number>)[name] as number;
      return {
        code: "custom",
        path: [...(place.path ?? []), name],
        message: `must be a number from ${Number((usual / 1000).toPrecision(3))} to ${Number((usual * 1000).toPrecision(3))} (a thousandth to a thousand times the default), got ${shown(value)}`,
      };
    });
  return { merged, issues };
}
