// A registered configuration key: its canonical name, deprecated spellings, type, default and help.
import type { ValueType } from "./value-types.js";

export interface ConfKey<T> {
  readonly name: string; // canonical
  readonly aliases: readonly string[]; // deprecated spellings, folded into `name` with a notice
  readonly type: ValueType<T>;
  readonly default?: T;
  /** The default as a user would write it (`1g`, `300s`), for listings. */
  readonly defaultText?: string;
  readonly help: string; // one line
  readonly secret?: boolean; // redacted everywhere
  readonly notSupported?: string; // registered but rejected, with this reason
}

/** Keys that share a prefix and a type, e.g. `spark.executorEnv.<NAME>` or the `spark.armada.oauth.*` family. */
export interface ConfKeyFamily {
  readonly prefix: string; // ends with "."
  readonly type: ValueType<unknown>;
  readonly help: string;
  readonly secret?: boolean;
  readonly notSupported?: string;
}

export interface KeySpec<T> {
  name: string;
  type: ValueType<T>;
  help: string;
  /** Written as a user would write it; parsed with `type`, so a default is always valid. */
  default?: string;
  /** Documents a default computed elsewhere (e.g. from other keys); `get` returns undefined when unset. */
  defaultDoc?: string;
  aliases?: readonly string[];
  secret?: boolean;
  notSupported?: string;
}

export function defineKey<T>(spec: KeySpec<T>): ConfKey<T> {
  const key: {
    -readonly [K in keyof ConfKey<T>]: ConfKey<T>[K];
  } = { name: spec.name, aliases: spec.aliases ?? [], type: spec.type, help: spec.help };
  if (spec.default !== undefined) {
    key.default = spec.type.parse(spec.default);
    key.defaultText = spec.default;
  } else if (spec.defaultDoc !== undefined) {
    key.defaultText = spec.defaultDoc;
  }
  if (spec.secret) key.secret = true;
  if (spec.notSupported !== undefined) key.notSupported = spec.notSupported;
  return key;
}
