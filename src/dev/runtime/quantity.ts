import type { QuantityView } from "./pod-runtime.js";

const SUFFIXES: Readonly<Record<string, number>> = {
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

/** The text of a Kubernetes quantity, whether a plain string (JSON shape) or a message. */
export function quantityText(q: QuantityView | undefined): string | undefined {
  if (q === undefined) return undefined;
  const text = typeof q === "string" ? q : q.string;
  return text === undefined || text === "" ? undefined : text;
}

/** Parses a Kubernetes quantity ("500m", "1.5Gi", "2e3") to a number; undefined if invalid. */
export function parseQuantity(text: string): number | undefined {
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?)$/.exec(
    text.trim(),
  );
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2]) return base * 10 ** Number(m[2].slice(1));
  return base * (SUFFIXES[m[3] ?? ""] ?? 1);
}
