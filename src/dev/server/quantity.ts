// Kubernetes resource quantities ("500m", "2", "1Gi", "1e3") as numbers in base units.
// Used for validation (limits vs requests, fractional init-container cpu) and for the
// scheduler's resource accounting. Precision beyond a double is irrelevant at these sizes.

const pattern = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const suffixes: Record<string, number> = {
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

/** The quantity's value in base units (cores, bytes, ...); undefined when not a quantity. */
export function parseQuantity(text: string): number | undefined {
  const match = pattern.exec(text.trim());
  if (!match) return undefined;
  const [, number, suffix = ""] = match;
  const multiplier = suffix in suffixes ? suffixes[suffix]! : 10 ** Number(suffix.slice(1));
  return Number(number) * multiplier;
}

/** Milli-units rounded up, as Kubernetes' MilliValue(). */
export function milliValue(value: number): number {
  return Math.ceil(Math.round(value * 1e9) / 1e6);
}

/** Short human form for messages: cpu in cores, memory-like values with binary suffixes. */
export function formatQuantity(resource: string, value: number): string {
  if (resource === "cpu") return milliValue(value) % 1000 === 0 ? String(value) : `${milliValue(value)}m`;
  for (const [suffix, size] of [
    ["Gi", 2 ** 30],
    ["Mi", 2 ** 20],
    ["Ki", 2 ** 10],
  ] as const) {
    if (value >= size && value % size === 0) return `${value / size}${suffix}`;
  }
  return String(value);
}
