/**
 * A reason, in words and as data: a stable `code` that names the phrasing (a UI translates by it), the values the
 * phrasing shows in `params` (dates as YYYY-MM-DD, amounts and shares as numbers, ids as given), and the English
 * `text`. docs/rfm-service-lifecycle.md and docs/psv.md list the codes and their params.
 */
export interface Reason {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly text: string;
}

/** A reason record. @internal */
export function reason(
  code: string,
  params: Readonly<Record<string, string | number | boolean>>,
  text: string,
): Reason {
  return { code, params, text };
}
