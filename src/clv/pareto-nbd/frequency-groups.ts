/**
 * The customers grouped by frequency x: `order` lists them group after group, `starts[g]` where group g begins,
 * `frequencies[g]` its x and `smallestRecency[g]` its smallest t_x. @internal
 */
export interface FrequencyGroups {
  readonly frequencies: Float64Array;
  readonly starts: Int32Array;
  readonly order: Int32Array;
  readonly smallestRecency: Float64Array;
}

/** Groups the customers by frequency (a counting sort: groups in order of first appearance). @internal */
export function groupByFrequency(frequency: ArrayLike<number>, recency: ArrayLike<number>): FrequencyGroups {
  const groupOf = new Map<number, number>();
  const counts: number[] = [];
  const memberGroup = new Int32Array(frequency.length);
  for (let index = 0; index < frequency.length; index++) {
    const x = frequency[index] as number;
    let group = groupOf.get(x);
    if (group === undefined) {
      group = counts.length;
      groupOf.set(x, group);
      counts.push(0);
    }
    counts[group] = (counts[group] as number) + 1;
    memberGroup[index] = group;
  }
  const starts = new Int32Array(counts.length + 1);
  for (let group = 0; group < counts.length; group++)
    starts[group + 1] = (starts[group] as number) + (counts[group] as number);
  const next = starts.slice(0, counts.length);
  const order = new Int32Array(frequency.length);
  for (let index = 0; index < frequency.length; index++) {
    const group = memberGroup[index] as number;
    order[next[group] as number] = index;
    next[group] = (next[group] as number) + 1;
  }
  const smallestRecency = new Float64Array(counts.length).fill(Number.POSITIVE_INFINITY);
  for (let index = 0; index < frequency.length; index++) {
    const group = memberGroup[index] as number;
    smallestRecency[group] = Math.min(smallestRecency[group] as number, recency[index] as number);
  }
  return { frequencies: Float64Array.from(groupOf.keys()), starts, order, smallestRecency };
}
