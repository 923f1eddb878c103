/** Optimal string alignment distance between two short strings (edits: insert, delete, substitute, swap). */
function editDistance(left: string, right: string): number {
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
  const found: { key: string; suggestion: string }[] = [];
  for (const key of Object.keys(record)) {
    if (known.includes(key)) continue;
    const suggestion = known.find(
      (name) => name.toLowerCase() === key.toLowerCase() || (key.length >= 4 && editDistance(key, name) <= 2),
    );
    if (suggestion !== undefined) found.push({ key, suggestion });
  }
  return found;
}
