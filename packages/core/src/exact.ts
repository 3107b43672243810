// Exact decimal arithmetic for scores. Weights and bounds are decimals as written in a framework
// file; summing them in binary floating point can land 2.6 at 2.5999999999 and flip a predicate,
// so every comparison and rounding is done on integers (scaled decimals and exact ratios).

/** Number of digits after the decimal point in the shortest representation of `n`. */
export function decimalPlaces(n: number): number {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  const s = String(Math.abs(n));
  const exp = s.match(/e([+-]\d+)$/);
  if (exp) {
    const [mantissa = ""] = s.split("e");
    const frac = mantissa.split(".")[1]?.length ?? 0;
    return Math.max(0, frac - Number(exp[1]));
  }
  return s.split(".")[1]?.length ?? 0;
}

/** `n` × 10^places as an exact bigint; `n` must have at most `places` decimals. */
export function scaleDecimal(n: number, places: number): bigint {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  // Exponent notation (very small numbers) is expanded by toFixed, which is exact for ≤ 100 places.
  const plain = String(n);
  const s = /e/i.test(plain) ? n.toFixed(Math.min(places, 100)) : plain;
  if (/e/i.test(s)) throw new RangeError(`${n} is too large`);
  const negative = s.startsWith("-");
  const [int = "0", frac = ""] = (negative ? s.slice(1) : s).split(".");
  if (frac.length > places) throw new RangeError(`${n} has more than ${places} decimals`);
  const digits = BigInt(int + frac.padEnd(places, "0"));
  return negative ? -digits : digits;
}

/** An exact non-negative-denominator ratio num/den of integers. */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

export function ratio(num: bigint, den: bigint): Ratio {
  if (den === 0n) throw new RangeError("division by zero");
  return den < 0n ? { num: -num, den: -den } : { num, den };
}

/** Compare a ratio with a decimal number exactly: -1, 0 or 1. */
export function compareToDecimal(r: Ratio, d: number): -1 | 0 | 1 {
  return compareRatios(r, decimalRatio(d));
}

// The same few decimals (predicate bands) are compared with every index a ranking shows.
const decimals = new Map<number, Ratio>();

/** `d` as the exact ratio of its printed digits, e.g. 2.6 → 26/10. */
function decimalRatio(d: number): Ratio {
  let q = decimals.get(d);
  if (!q) {
    const places = decimalPlaces(d);
    q = { num: scaleDecimal(d, places), den: 10n ** BigInt(places) };
    if (decimals.size >= 4096) decimals.clear();
    decimals.set(d, q);
  }
  return q;
}

export function compareRatios(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const lhs = a.num * b.den;
  const rhs = b.num * a.den;
  return lhs < rhs ? -1 : lhs > rhs ? 1 : 0;
}

/** The nearest double to the ratio (both parts are exact integers below 2^53 in practice). */
export function toNumber(r: Ratio): number {
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  if (r.num <= limit && r.num >= -limit && r.den <= limit) return Number(r.num) / Number(r.den);
  // Keep 17 significant digits; still the correctly rounded value for display purposes.
  return Number(toFixed(r, 17));
}

/**
 * Decimal string with `places` digits, rounded half away from zero — the way a published
 * index of 1.7985 reads "1.80" and 2.5975 reads "2.60".
 */
export function toFixed(r: Ratio, places: number): string {
  const scale = 10n ** BigInt(places);
  const negative = r.num < 0n;
  const abs = negative ? -r.num : r.num;
  const scaled = (abs * scale * 2n + r.den) / (2n * r.den);
  let digits = scaled.toString();
  if (places > 0) {
    digits = digits.padStart(places + 1, "0");
    digits = `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  }
  return negative && scaled !== 0n ? `-${digits}` : digits;
}

/** The smallest integer ≥ num/den (den > 0). */
export function ceilDiv(num: bigint, den: bigint): bigint {
  const q = num / den;
  return num % den > 0n ? q + 1n : q;
}
