/** `true` when A and B are assignable to each other (the same type for every practical purpose). @internal */
export type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** `true` when every B is an A (A accepts at least what B does). @internal */
export type WiderThan<A, B> = [B] extends [A] ? true : false;
