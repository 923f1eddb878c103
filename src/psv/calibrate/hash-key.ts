/** A 32-bit FNV-1a hash of a key's text (an id: string or number), salted. @internal */
export function hashKey(key: unknown, salt: number): number {
  const text = String(key);
  let hash = (0x811c9dc5 ^ salt) >>> 0;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return hash;
}

/** Murmur3's 32-bit finaliser: a well-mixed word from a seed. @internal */
export function mixHash(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
