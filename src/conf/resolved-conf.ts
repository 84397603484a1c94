// The configuration after Spark's precedence, aliases folded and every known key validated.
// Distinct from raw key/values: `get` returns typed, already-validated values.
import type { ConfKey } from "./key.js";
import type { Source } from "./source.js";

export interface ConfEntry {
  readonly name: string;
  readonly value: string;
  readonly source: Source;
}

export interface ResolvedConf {
  /** The validated typed value, else the key's default (undefined if neither). */
  get<T>(key: ConfKey<T>): T | undefined;
  /** Any spark.* key's text by canonical name. */
  raw(name: string): string | undefined;
  sourceOf(name: string): Source | undefined;
  /** Every entry, canonical names, sorted by name. */
  entries(): ReadonlyArray<ConfEntry>;
}

/** Builds a ResolvedConf from entries whose registered keys were already parsed into `parsed`. */
export function makeResolvedConf(
  entries: readonly ConfEntry[],
  parsed: ReadonlyMap<string, unknown>,
): ResolvedConf {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const sorted = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    get<T>(key: ConfKey<T>): T | undefined {
      return parsed.has(key.name) ? (parsed.get(key.name) as T) : key.default;
    },
    raw: (name) => byName.get(name)?.value,
    sourceOf: (name) => byName.get(name)?.source,
    entries: () => sorted,
  };
}
