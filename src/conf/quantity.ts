// Kubernetes resource quantities ("500m", "2", "1.5Gi", "1e3") as numbers in base units (cores,
// bytes). One parser for the whole project: the plan compares requests with limits, the embedded
// Armada validates and schedules, the pod runtime fills downward-API resource fields. Precision
// beyond a double does not matter at these sizes.

const pattern = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const suffixes: Readonly<Record<string, number>> = {
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

/** The quantity's value in base units; undefined when the text is not a quantity. */
export function parseQuantity(text: string): number | undefined {
  const match = pattern.exec(text.trim());
  if (!match) return undefined;
  const [, number, suffix = ""] = match;
  const multiplier = suffix in suffixes ? suffixes[suffix]! : 10 ** Number(suffix.slice(1));
  return Number(number) * multiplier;
}

/** The text of a quantity given as a plain string (JSON shape) or as a Quantity message. */
export function quantityText(q: string | { string?: string } | undefined): string | undefined {
  if (q === undefined) return undefined;
  const text = typeof q === "string" ? q : q.string;
  return text === undefined || text === "" ? undefined : text;
}

/** "1" and "1000m" are the same quantity; text that is not a quantity equals only itself. */
export function sameQuantity(a: string, b: string): boolean {
  if (a === b) return true;
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  return x !== undefined && y !== undefined && Math.abs(x - y) <= Math.abs(x) * 1e-12;
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
