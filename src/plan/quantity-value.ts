// Numeric value of a Kubernetes quantity, only to tell whether a request equals its limit
// ("1" and "1000m" do). Undefined for text that is not a quantity.
const suffixFactor: Readonly<Record<string, number>> = {
  "": 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

export function quantityValue(text: string): number | undefined {
  const m = /^\+?([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:([eE][+-]?[0-9]+)|([A-Za-z]*))$/.exec(text.trim());
  if (!m) return undefined;
  if (m[2] !== undefined) return Number(m[1] + m[2]);
  const factor = suffixFactor[m[3] ?? ""];
  return factor === undefined ? undefined : Number(m[1]) * factor;
}

export function sameQuantity(a: string, b: string): boolean {
  if (a === b) return true;
  const x = quantityValue(a);
  const y = quantityValue(b);
  return x !== undefined && y !== undefined && Math.abs(x - y) <= Math.abs(x) * 1e-12;
}
