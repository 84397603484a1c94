// Typed parsers for configuration values. Each parses the text exactly as Spark (or Kubernetes)
// would accept it and throws InvalidValue with the reason otherwise; `expected` is what error
// messages and `armada-spark keys` show. Kept free of imports so startup stays fast.
import { parseQuantity } from "./quantity.js";
import { InvalidValue } from "./errors.js";
import { parseArmadaMaster, type ArmadaMaster } from "./master-url.js";

export interface ValueType<T> {
  readonly expected: string;
  parse(raw: string): T;
}

// ---- Spark durations (JavaUtils.timeStringAs) ----------------------------------------------

export type DurationUnit = "us" | "ms" | "s" | "m" | "min" | "h" | "d";

const msPerUnit: Readonly<Record<DurationUnit, number>> = {
  us: 0.001,
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** A Spark duration string (`30s`, `5min`, `1h`, `100ms`); a bare number is in `defaultUnit`. Parses to milliseconds. */
export function duration(opts: { defaultUnit?: DurationUnit; min?: number } = {}): ValueType<number> {
  const defaultUnit = opts.defaultUnit ?? "ms";
  const minMs = opts.min ?? 0;
  const bare = defaultUnit === "s" ? "seconds" : defaultUnit === "ms" ? "milliseconds" : defaultUnit;
  return {
    expected:
      `a duration such as 30s, 5min, 1h or 100ms (units us, ms, s, m/min, h, d; a bare number is ${bare})` +
      (minMs > 0 ? `, greater than 0` : ""),
    parse(raw) {
      const m = /^(-?[0-9]+)([a-z]+)?$/.exec(raw.trim().toLowerCase());
      if (!m) throw new InvalidValue("not a whole number with an optional unit");
      const unit = (m[2] ?? defaultUnit) as DurationUnit;
      const factor = msPerUnit[unit];
      if (factor === undefined) throw new InvalidValue(`unknown unit "${m[2]}"`);
      const ms = Number(m[1]) * factor;
      if (ms < 0) throw new InvalidValue("negative duration");
      if (ms < minMs) throw new InvalidValue("must be greater than 0");
      return ms;
    },
  };
}

// ---- Spark byte sizes (JavaUtils.byteStringAs) ---------------------------------------------

export type ByteUnit = "b" | "k" | "m" | "g" | "t" | "p";

const bytesPerUnit: Readonly<Record<string, number>> = {
  b: 1,
  k: 2 ** 10,
  kb: 2 ** 10,
  m: 2 ** 20,
  mb: 2 ** 20,
  g: 2 ** 30,
  gb: 2 ** 30,
  t: 2 ** 40,
  tb: 2 ** 40,
  p: 2 ** 50,
  pb: 2 ** 50,
};

const unitWord: Readonly<Record<ByteUnit, string>> = {
  b: "bytes",
  k: "KiB",
  m: "MiB",
  g: "GiB",
  t: "TiB",
  p: "PiB",
};

/** A Spark size string (`1g`, `512m`, `1024k`); a bare number is in `defaultUnit`. Parses to bytes. */
export function byteSize(defaultUnit: ByteUnit = "b"): ValueType<number> {
  return {
    expected: `a size such as 512m, 1g or 1024k (units b, k, m, g, t, p, optionally followed by b; a bare number is ${unitWord[defaultUnit]})`,
    parse(raw) {
      const text = raw.trim().toLowerCase();
      if (/^[0-9]+\.[0-9]+[a-z]*$/.test(text)) throw new InvalidValue("fractional sizes are not supported");
      const m = /^([0-9]+)([a-z]+)?$/.exec(text);
      if (!m) throw new InvalidValue("not a whole number with an optional unit");
      const factor = bytesPerUnit[m[2] ?? defaultUnit];
      if (factor === undefined) throw new InvalidValue(`unknown unit "${m[2]}"`);
      const bytes = Number(m[1]) * factor;
      if (!Number.isSafeInteger(bytes)) throw new InvalidValue("too large");
      return bytes;
    },
  };
}

/** Bytes to whole MiB, rounding down as Spark's `byteStringAsMb` does. */
export function toMiB(bytes: number): number {
  return Math.floor(bytes / 2 ** 20);
}

// ---- Kubernetes -----------------------------------------------------------------------------

/** A non-negative Kubernetes resource quantity (`100m`, `1`, `1.5`, `128Mi`, `2G`), kept as text. */
export function quantity(): ValueType<string> {
  return {
    expected: "a Kubernetes quantity such as 1, 500m, 1.5, 128Mi or 2Gi",
    parse(raw) {
      const text = raw.trim();
      if (text.startsWith("-")) throw new InvalidValue("negative quantity");
      if (parseQuantity(text) === undefined) throw new InvalidValue("not a number with a Kubernetes suffix");
      return text;
    },
  };
}

const dns1123LabelPattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123SubdomainPattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const qualifiedNamePart = /^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$/;

function checkDns1123Label(text: string, what: string): void {
  if (text.length === 0) throw new InvalidValue(`empty ${what}`);
  if (text.length > 63) throw new InvalidValue(`${what} longer than 63 characters`);
  if (!dns1123LabelPattern.test(text))
    throw new InvalidValue(
      `${what} must be lowercase letters, digits and '-', starting and ending alphanumeric`,
    );
}

function checkDns1123Subdomain(text: string, what: string): void {
  if (text.length === 0) throw new InvalidValue(`empty ${what}`);
  if (text.length > 253) throw new InvalidValue(`${what} longer than 253 characters`);
  if (!dns1123SubdomainPattern.test(text))
    throw new InvalidValue(`${what} must be dot-separated lowercase letters, digits and '-'`);
}

/** A DNS-1123 label: lowercase alphanumerics and '-', at most 63 characters. */
export function dns1123Label(maxLength = 63): ValueType<string> {
  return {
    expected: `a DNS-1123 label (lowercase letters, digits and '-', starting and ending alphanumeric, at most ${maxLength} characters)`,
    parse(raw) {
      const text = raw.trim();
      checkDns1123Label(text, "name");
      if (text.length > maxLength) throw new InvalidValue(`longer than ${maxLength} characters`);
      return text;
    },
  };
}

/** A DNS-1035 label (a Kubernetes Service name): like a DNS-1123 label but starting with a letter. */
export function dns1035Label(maxLength = 63): ValueType<string> {
  return {
    expected: `lowercase letters, digits and '-', starting with a letter and ending alphanumeric, at most ${maxLength} characters`,
    parse(raw) {
      const text = raw.trim();
      checkDns1123Label(text, "name");
      if (!/^[a-z]/.test(text)) throw new InvalidValue("must start with a letter");
      if (text.length > maxLength) throw new InvalidValue(`longer than ${maxLength} characters`);
      return text;
    },
  };
}

/** A container image reference (`apache/spark:3.5.7`, `registry:5000/spark@sha256:...`). */
export function containerImage(): ValueType<string> {
  return {
    expected: "a container image reference such as apache/spark:3.5.7",
    parse(raw) {
      const text = raw.trim();
      if (text.length === 0) throw new InvalidValue("empty");
      if (/\s/.test(text)) throw new InvalidValue("contains whitespace");
      if (!/^[A-Za-z0-9]/.test(text)) throw new InvalidValue("must start with a letter or digit");
      return text;
    },
  };
}

/** A DNS-1123 subdomain (e.g. a priority class name). */
export function dns1123Subdomain(): ValueType<string> {
  return {
    expected:
      "a DNS-1123 subdomain (dot-separated lowercase letters, digits and '-', at most 253 characters)",
    parse(raw) {
      const text = raw.trim();
      checkDns1123Subdomain(text, "name");
      return text;
    },
  };
}

/** Checks a label or annotation key: optional DNS-1123 subdomain prefix + '/' + name (≤ 63). */
function checkQualifiedKey(key: string): void {
  const slash = key.indexOf("/");
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (slash >= 0) checkDns1123Subdomain(key.slice(0, slash), `key prefix "${key.slice(0, slash)}"`);
  if (name.length === 0) throw new InvalidValue(`key "${key}" has an empty name`);
  if (name.length > 63) throw new InvalidValue(`key "${key}" has a name longer than 63 characters`);
  if (!qualifiedNamePart.test(name))
    throw new InvalidValue(
      `key "${key}": name must be alphanumerics, '-', '_' or '.', starting and ending alphanumeric`,
    );
}

function checkLabelValue(key: string, value: string): void {
  if (value.length > 63) throw new InvalidValue(`value of "${key}" is longer than 63 characters`);
  if (value.length > 0 && !qualifiedNamePart.test(value))
    throw new InvalidValue(
      `value of "${key}" must be alphanumerics, '-', '_' or '.', starting and ending alphanumeric`,
    );
}

const maxAnnotationValueBytes = 256 * 1024;

function pairs(raw: string, check: (key: string, value: string) => void): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const entry of raw.split(",")) {
    const trimmed = entry.trim();
    if (trimmed.length === 0) continue;
    const eq = trimmed.indexOf("=");
    if (eq < 0) throw new InvalidValue(`entry "${trimmed}" has no '='`);
    const key = trimmed.slice(0, eq).trim();
    const value = trimmed.slice(eq + 1).trim();
    checkQualifiedKey(key);
    check(key, value);
    out.set(key, value);
  }
  return out;
}

/** A label key alone (e.g. the gang's node uniformity label). */
export function labelKey(): ValueType<string> {
  return {
    expected: "a Kubernetes label key such as armada-spark or example.com/zone",
    parse(raw) {
      const text = raw.trim();
      checkQualifiedKey(text);
      return text;
    },
  };
}

/** Comma-separated `key=value` Kubernetes labels. */
export function labels(): ValueType<ReadonlyMap<string, string>> {
  return {
    expected:
      "comma-separated key=value Kubernetes labels, e.g. team=data,example.com/tier=batch (names and values at most 63 characters of [A-Za-z0-9_.-])",
    parse: (raw) => pairs(raw, checkLabelValue),
  };
}

/** Comma-separated `key=value` Kubernetes annotations (values may be any text up to 256 KiB). */
export function annotations(): ValueType<ReadonlyMap<string, string>> {
  return {
    expected: "comma-separated key=value Kubernetes annotations, e.g. example.com/owner=data-team",
    parse: (raw) =>
      pairs(raw, (key, value) => {
        if (Buffer.byteLength(value) > maxAnnotationValueBytes)
          throw new InvalidValue(`value of "${key}" is larger than 256 KiB`);
      }),
  };
}

// ---- Plain values ---------------------------------------------------------------------------

/** An http:// or https:// URL. */
export function url(): ValueType<string> {
  return {
    expected: "an http:// or https:// URL such as http://localhost:30000",
    parse(raw) {
      const text = raw.trim();
      let parsed: URL;
      try {
        parsed = new URL(text);
      } catch {
        throw new InvalidValue("not a URL");
      }
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
        throw new InvalidValue(`scheme "${parsed.protocol.slice(0, -1)}" is not http or https`);
      if (parsed.hostname === "") throw new InvalidValue("no host");
      return text;
    },
  };
}

/** A file read on the submitting machine: a path, `file://` or `http(s)://` URL (src/cli/plan-inputs.ts). */
export function location(): ValueType<string> {
  return {
    expected: "a path or a file://, http:// or https:// URL",
    parse(raw) {
      const text = raw.trim();
      if (text.length === 0) throw new InvalidValue("empty");
      const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text)?.[1]?.toLowerCase();
      if (scheme === "local")
        throw new InvalidValue("local:// names a file inside the image; this file is read on this machine");
      if (scheme !== undefined && !["file", "http", "https"].includes(scheme))
        throw new InvalidValue(`scheme "${scheme}" is not supported`);
      return text;
    },
  };
}

function describeRange(noun: string, min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return `${noun} from ${min} to ${max}`;
  if (min !== undefined) return `${noun} >= ${min}`;
  if (max !== undefined) return `${noun} <= ${max}`;
  return noun;
}

function checkRange(n: number, min?: number, max?: number): void {
  if (min !== undefined && n < min) throw new InvalidValue(`less than ${min}`);
  if (max !== undefined && n > max) throw new InvalidValue(`greater than ${max}`);
}

/** A whole number (Java `Integer`/`Long` syntax), optionally in a range. */
export function int(range: { min?: number; max?: number } = {}): ValueType<number> {
  return {
    expected: describeRange("a whole number", range.min, range.max),
    parse(raw) {
      const text = raw.trim();
      if (!/^[+-]?[0-9]+$/.test(text)) throw new InvalidValue("not a whole number");
      const n = Number(text);
      if (!Number.isSafeInteger(n)) throw new InvalidValue("too large");
      checkRange(n, range.min, range.max);
      return n;
    },
  };
}

/** A decimal number (Java `Double` syntax), optionally in a range. */
export function double(
  range: { min?: number; max?: number; minExclusive?: boolean } = {},
): ValueType<number> {
  const { min, max, minExclusive } = range;
  return {
    expected:
      minExclusive && min !== undefined
        ? describeRange(`a number > ${min}`, undefined, max).replace(" <=", " and <=")
        : describeRange("a number", min, max),
    parse(raw) {
      const text = raw.trim();
      if (!/^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?[dDfF]?$/.test(text))
        throw new InvalidValue("not a number");
      const n = Number(text.replace(/[dDfF]$/, ""));
      if (!Number.isFinite(n)) throw new InvalidValue("too large");
      if (minExclusive && min !== undefined && n <= min) throw new InvalidValue(`not greater than ${min}`);
      checkRange(n, minExclusive ? undefined : min, max);
      return n;
    },
  };
}

/** `true` or `false`, case-insensitive, surrounding blanks ignored (Spark's `toBoolean`). */
export function bool(): ValueType<boolean> {
  return {
    expected: "true or false",
    parse(raw) {
      const text = raw.trim().toLowerCase();
      if (text === "true") return true;
      if (text === "false") return false;
      throw new InvalidValue("not a boolean");
    },
  };
}

/** Any text. `nonEmpty` rejects blank values. */
export function string(opts: { nonEmpty?: boolean } = {}): ValueType<string> {
  return {
    expected: opts.nonEmpty ? "a non-empty string" : "a string",
    parse(raw) {
      if (opts.nonEmpty && raw.trim().length === 0) throw new InvalidValue("empty");
      return raw;
    },
  };
}

/** One of a fixed set of words (case-sensitive, as Spark's checkValues). */
export function oneOf<const T extends string>(choices: readonly T[]): ValueType<T> {
  return {
    expected: `one of ${choices.join(", ")}`,
    parse(raw) {
      const text = raw.trim();
      if (!(choices as readonly string[]).includes(text)) throw new InvalidValue("not an accepted value");
      return text as T;
    },
  };
}

/** A comma-separated list (Spark's `stringToSeq`: entries trimmed, empty entries dropped). */
export function list(): ValueType<readonly string[]> {
  return {
    expected: "a comma-separated list",
    parse: (raw) =>
      raw
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
  };
}

/** `false` only: a feature whose key is known but which is not supported yet. */
export function falseOnly(feature: string): ValueType<false> {
  return {
    expected: `false (${feature} is not supported yet)`,
    parse(raw) {
      if (bool().parse(raw)) throw new InvalidValue(`${feature} is not supported yet`);
      return false;
    },
  };
}

/** An Armada master URL: `armada://host[:port]` (plaintext gRPC) or `armada+tls://host[:port]`. */
export function armadaMaster(): ValueType<ArmadaMaster> {
  return {
    expected:
      "armada://host:port (plaintext gRPC) or armada+tls://host:port (TLS); the port defaults to 50051",
    parse: parseArmadaMaster,
  };
}
