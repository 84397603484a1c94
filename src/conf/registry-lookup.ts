// Name -> key lookups over the registry: canonical names, deprecated aliases and key families.
import type { ConfKey, ConfKeyFamily } from "./key.js";
import { allKeys, keyFamilies } from "./keys.js";
import { wellKnownSparkKeys } from "./spark-known-keys.js";

const byName = new Map<string, ConfKey<unknown>>();
const byAlias = new Map<string, ConfKey<unknown>>();
for (const k of allKeys) {
  byName.set(k.name, k);
  for (const a of k.aliases) byAlias.set(a, k);
}

export function keyNamed(name: string): ConfKey<unknown> | undefined {
  return byName.get(name);
}

/** The key `alias` is a deprecated spelling of, if any. */
export function keyForAlias(alias: string): ConfKey<unknown> | undefined {
  return byAlias.get(alias);
}

export function familyOf(name: string): ConfKeyFamily | undefined {
  return keyFamilies.find((f) => name.startsWith(f.prefix) && name.length > f.prefix.length);
}

let suggestions: string[] | undefined;

/** Names worth suggesting for a typo: registered keys and well-known Spark keys. */
export function suggestionCandidates(): readonly string[] {
  suggestions ??= [...new Set([...byName.keys(), ...wellKnownSparkKeys])];
  return suggestions;
}
