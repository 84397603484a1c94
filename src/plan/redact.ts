// Removes secret values from a plan before it is shown (dry run): `--conf k=v` arguments and
// `-Dk=v` JVM options whose key names a secret, and environment variables whose name does.
// The real request keeps them: the driver needs its configuration.
import { REDACTED, isSecretKeyName } from "../conf/secrets.js";
import type { Json } from "./model.js";

export { REDACTED };

const keyValue = /^(-D)?(spark\.[^=\s]+)=/;

/** A deep copy of `value` with secrets replaced by `<redacted>`. */
export function redactSecrets<T>(value: T): T {
  return redact(value as Json) as T;
}

function redact(v: Json): Json {
  if (typeof v === "string") return redactString(v);
  if (Array.isArray(v)) return v.map(redact);
  if (v !== null && typeof v === "object") {
    const out: { [key: string]: Json } = {};
    for (const k in v) out[k] = redact(v[k]!);
    // An env var: {name, value}.
    if (typeof v["name"] === "string" && typeof v["value"] === "string" && isSecretKeyName(v["name"])) {
      out["value"] = REDACTED;
    }
    return out;
  }
  return v;
}

function redactString(s: string): string {
  // Cheap filter first: only `spark.…=` and `-Dspark.…=` strings can carry a conf value.
  if (!(s.startsWith("spark.") || s.startsWith("-Dspark.")) || !s.includes("=")) return s;
  const m = keyValue.exec(s);
  if (m && isSecretKeyName(m[2]!)) return `${m[0]}${REDACTED}`;
  return s;
}
