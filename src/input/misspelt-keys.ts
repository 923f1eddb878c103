/** Optimal string alignment distance between two short strings (edits: insert, delete, substitute, swap). @internal */
export function editDistance(left: string, right: string): number {
  const rows = left.length + 1;
  const columns = right.length + 1;
  const distance: number[] = new Array(rows * columns).fill(0);
  for (let i = 0; i < rows; i++) distance[i * columns] = i;
  for (let j = 0; j < columns; j++) distance[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = left[i - 1] === right[j - 1] ? 0 : 1;
      let best = Math.min(
        (distance[(i - 1) * columns + j] as number) + 1,
        (distance[i * columns + j - 1] as number) + 1,
        (distance[(i - 1) * columns + j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && left[i - 1] === right[j - 2] && left[i - 2] === right[j - 1]) {
        best = Math.min(best, (distance[(i - 2) * columns + j - 2] as number) + 1);
      }
      distance[i * columns + j] = best;
    }
  }
  return distance[rows * columns - 1] as number;
}

/**
 * Keys of a record that look like misspellings of known keys (case aside, or within two edits): such a key would
 * otherwise be dropped silently, e.g. `serviceEvent` for `serviceEvents` makes every customer look lapsed. Other
 * extra keys (a customer's name, an e-mail) are left alone. @internal
 */
export function misspeltKeys(
  record: unknown,
  known: readonly string[],
): { readonly key: string; readonly suggestion: string }[] {
  if (record === null || typeof record !== "object" || Array.isArray(record)) return [];
  // Rows of a batch repeat the same extra keys (revenue, margin, a name…): each key is judged once per known list.
  let verdicts = VERDICTS.get(known);
  if (verdicts === undefined) {
    verdicts = new Map();
    VERDICTS.set(known, verdicts);
  }
  const found: { key: string; suggestion: string }[] = [];
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    let suggestion = verdicts.get(key);
    if (suggestion === undefined) {
      suggestion = known.includes(key)
        ? null
        : (known.find(
            (name) => name.toLowerCase() === key.toLowerCase() || (key.length >= 4 && editDistance(key, name) <= 2),
          ) ?? null);
      if (verdicts.size < 10_000) verdicts.set(key, suggestion);
    }
    if (suggestion !== null) found.push({ key, suggestion });
  }
  return found;
}

/** Per list of known keys: each key seen, and the known key it looks like a misspelling of (null: none). */
const VERDICTS = /* @__PURE__ */ new WeakMap<readonly string[], Map<string, string | null>>();
