// Checks a value against what a comment states: `"text"`, a number, true/false, `[..]`, `≈ value` (numbers to half a
// unit of the last digit shown, arrays, `{ key: number }`), `Float64Array` / `Float64Array(n)`. Used by the TSDoc
// @example test and the README snippet test.
import { expect } from "vitest";

function decimalsOf(text: string): number {
  const match = /\.(\d+)/.exec(text);
  return match ? (match[1] as string).length : 0;
}

function checkNumber(actual: unknown, expectedText: string, approximate: boolean, where: string): void {
  const expected = Number(expectedText);
  expect(typeof actual, where).toBe("number");
  const tolerance = approximate
    ? Math.max(0.5 * 10 ** -decimalsOf(expectedText), 1e-6 * Math.abs(expected))
    : 1e-12 * Math.max(1, Math.abs(expected));
  expect(Math.abs((actual as number) - expected), `${where}: ${actual} vs ${expectedText}`).toBeLessThanOrEqual(
    tolerance * 1.0001,
  );
}

export function check(actual: unknown, stated: string, where: string): void {
  const text = stated.trim();
  const approximate = text.startsWith("≈");
  const body = approximate ? text.slice(1).trim() : text;
  const number = /^-?\d[\d.e+-]*(?=\s|$)/.exec(body);
  const array = /^\[([^\]]*)\]/.exec(body);
  const object = /^\{([^}]*)\}/.exec(body);
  if (/^"/.test(body)) expect(actual, where).toBe(JSON.parse(/^"[^"]*"/.exec(body)?.[0] ?? '""'));
  else if (/^(true|false)\b/.test(body)) expect(actual, where).toBe(body.startsWith("true"));
  else if (number) checkNumber(actual, number[0], approximate, where);
  else if (array) {
    const items = (array[1] as string).split(",").map((item) => item.trim());
    const values = Array.from(actual as ArrayLike<unknown>);
    expect(values.length, where).toBe(items.length);
    for (const [index, item] of items.entries()) checkNumber(values[index], item, approximate, `${where}[${index}]`);
  } else if (object && approximate) {
    for (const pair of (object[1] as string).split(",")) {
      const [key, value] = pair.split(":").map((part) => part.trim());
      if (key && value && /^-?\d/.test(value))
        checkNumber((actual as Record<string, unknown>)[key], value, true, `${where}.${key}`);
    }
  } else if (/^Float64Array\((\d+)\)/.test(body)) {
    expect(actual, where).toBeInstanceOf(Float64Array);
    expect((actual as Float64Array).length, where).toBe(Number(/\((\d+)\)/.exec(body)?.[1]));
  } else if (/^Float64Array\b/.test(body)) expect(actual, where).toBeInstanceOf(Float64Array);
}
