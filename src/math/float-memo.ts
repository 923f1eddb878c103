/**
 * A memo from float keys to float values for a batch's repeated terms (customers of a cohort share T): open
 * addressing over typed arrays, so a lookup neither boxes its key nor walks a Map's buckets (about a fifth of the
 * cost of `Map<number, number>` per row). Keys must not be NaN; a memo stops taking new keys at `limit`, and switches
 * itself off (every lookup a miss, nothing stored) when fewer than a quarter of its lookups hit, checked every
 * 4,096 lookups: customers who share nothing do not pay for a table that never helps. @internal
 */
export interface FloatMemo {
  keys: Float64Array;
  values: Float64Array;
  filled: Uint8Array;
  size: number;
  readonly limit: number;
  lookups: number;
  hits: number;
  off: boolean;
}

const CHECK_EVERY = 4096;

/** An empty memo that keeps at most `limit` keys. @internal */
export function createFloatMemo(limit = 1 << 20): FloatMemo {
  return {
    keys: new Float64Array(64),
    values: new Float64Array(64),
    filled: new Uint8Array(64),
    size: 0,
    limit,
    lookups: 0,
    hits: 0,
    off: false,
  };
}

const bits = /* @__PURE__ */ new Float64Array(1);
const words = /* @__PURE__ */ new Int32Array(bits.buffer);

function slotOf(memo: FloatMemo, key: number): number {
  bits[0] = key === 0 ? 0 : key; // −0 and 0 are one key
  const mask = memo.keys.length - 1;
  let slot = Math.imul((words[0] as number) ^ Math.imul(words[1] as number, 0x9e3779b1), 0x85ebca6b) & mask;
  while (memo.filled[slot] === 1 && memo.keys[slot] !== key) slot = (slot + 1) & mask;
  return slot;
}

/** The value memoised for a key, or NaN (always NaN once the memo is off). @internal */
export function floatMemoGet(memo: FloatMemo, key: number): number {
  if (memo.off) return Number.NaN;
  const slot = slotOf(memo, key);
  memo.lookups += 1;
  if (memo.filled[slot] === 1) {
    memo.hits += 1;
    return memo.values[slot] as number;
  }
  if (memo.lookups % CHECK_EVERY === 0 && 4 * memo.hits < memo.lookups) switchOff(memo);
  return Number.NaN;
}

function switchOff(memo: FloatMemo): void {
  memo.off = true;
  memo.keys = new Float64Array(0);
  memo.values = new Float64Array(0);
  memo.filled = new Uint8Array(0);
  memo.size = 0;
}

/** Memoises a value (a new key is ignored once the memo holds `limit` keys). @internal */
export function floatMemoSet(memo: FloatMemo, key: number, value: number): void {
  if (memo.off) return;
  if (memo.size < memo.limit && 2 * (memo.size + 1) > memo.keys.length) grow(memo);
  const slot = slotOf(memo, key);
  if (memo.filled[slot] === 0) {
    if (memo.size >= memo.limit) return;
    memo.size += 1;
    memo.filled[slot] = 1;
    memo.keys[slot] = key;
  }
  memo.values[slot] = value;
}

function grow(memo: FloatMemo): void {
  const { keys, values, filled } = memo;
  memo.keys = new Float64Array(2 * keys.length);
  memo.values = new Float64Array(2 * keys.length);
  memo.filled = new Uint8Array(2 * keys.length);
  memo.size = 0;
  for (let slot = 0; slot < keys.length; slot++)
    if (filled[slot] === 1) floatMemoSet(memo, keys[slot] as number, values[slot] as number);
}
