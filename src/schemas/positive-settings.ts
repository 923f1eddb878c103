import type { InputIssue } from "../errors.js";
import { shown } from "../errors-shown.js";

/**
 * Merges user overrides over numeric defaults and lists every setting that is not a finite number > 0, so that
 * settings objects (service schedules, lifecycle rules) are checked the same way. @internal
 */
export function mergePositiveSettings<Settings extends object>(
  defaults: Settings,
  overrides: Partial<Settings> = {},
): { merged: Settings; issues: InputIssue[] } {
  const merged = { ...defaults, ...overrides };
  const issues = Object.entries(merged)
    .filter(([, value]) => !(typeof value === "number" && Number.isFinite(value) && value > 0))
    .map(([name, value]) => ({
      code: "custom",
      path: [name],
      message: `must be a finite number > 0, got ${shown(value)}`,
    }));
  return { merged, issues };
}
