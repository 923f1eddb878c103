/**
 * A map from ids to dense numbers (0, 1, 2, … in the caller's order of `set`). For a column of whole-number ids
 * within a span at most four times its length (customer or vehicle numbers, an Int32Array), a direct lookup table
 * stands in for the Map: ten million lookups cost a read each instead of a hash. Ids compare by value and type, as
 * in a Map: with a table, a string id is never found. `set` takes only ids of `ids` (or any id without a table).
 * @internal
 */
export interface IdIndex {
  readonly get: (id: unknown) => number | undefined;
  readonly set: (id: unknown, value: number) => void;
}

/** An {@link IdIndex} for the ids of `ids` (a Map when they are not dense whole numbers, or not given). @internal */
export function idIndex(ids: ArrayLike<unknown> | undefined): IdIndex {
  const dense = ids === undefined ? undefined : denseIntegerIds(ids);
  if (dense === undefined) {
    const map = new Map<unknown, number>();
    return { get: (id) => map.get(id), set: (id, value) => void map.set(id, value) };
  }
  const { min, table } = dense;
  return {
    // A fraction, a negative slot or one past the end reads undefined from a typed array; 0 marks an id not set.
    get: (id) => {
      const slot = typeof id === "number" ? table[id - min] : undefined;
      return slot === undefined || slot === 0 ? undefined : slot - 1;
    },
    set: (id, value) => {
      table[(id as number) - min] = value + 1;
    },
  };
}

/**
 * The span of a column of whole-number ids, with a zeroed table over it (value + 1 per id, 0: not set), when the span
 * is at most four times the column's length; undefined for anything else (strings, fractions, a wide span). @internal
 */
export function denseIntegerIds(ids: ArrayLike<unknown>): { min: number; table: Int32Array } | undefined {
  if (ids.length === 0) return undefined;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < ids.length; index++) {
    const id = ids[index];
    if (!(typeof id === "number" && Number.isInteger(id))) return undefined;
    if (id < min) min = id;
    if (id > max) max = id;
  }
  if (max - min >= 4 * ids.length + 1024) return undefined;
  return { min, table: new Int32Array(max - min + 1) };
}
