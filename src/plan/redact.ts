// Secrets never reach dry-run output. Rather than scrub a large finished plan, the dry run plans from
// redacted inputs: every configuration value whose key names a secret (and every `-D<secret>=…`
// inside a value such as extraJavaOptions) reads as `<redacted>`, and template env vars with secret
// names too. The real submission plans from the real inputs: the driver needs its configuration.
import type { ConfKey } from "../conf/key.js";
import type { ResolvedConf } from "../conf/resolved-conf.js";
import { REDACTED, displayValue, isSecretKeyName, redactJavaOptions } from "../conf/secrets.js";
import type { Submission } from "../conf/submission.js";
import type { Json } from "./model.js";
import type { LoadedTemplate, PlanTemplates } from "./templates.js";

function redactedConf(conf: ResolvedConf): ResolvedConf {
  const entries = conf.entries().map((e) => ({ ...e, value: displayValue(e.name, e.value) }));
  return {
    get<T>(key: ConfKey<T>): T | undefined {
      const v = conf.get(key);
      if (typeof v !== "string") return v;
      return displayValue(key.name, v, key.secret) as T;
    },
    raw(name) {
      const v = conf.raw(name);
      return v === undefined ? v : displayValue(name, v);
    },
    sourceOf: (name) => conf.sourceOf(name),
    entries: () => entries,
  };
}

export function redactedSubmission(s: Submission): Submission {
  return { ...s, conf: redactedConf(s.conf), appArgs: s.appArgs.map(redactJavaOptions) };
}

/** Templates with the values of secret-named env vars and `spark.<secret>=…` strings redacted. */
export function redactedTemplates(t: PlanTemplates): PlanTemplates {
  const one = (l: LoadedTemplate | undefined) => l && { ...l, value: redactJson(l.value) as typeof l.value };
  const out: PlanTemplates = {};
  if (t.job) out.job = one(t.job)!;
  if (t.driverItem) out.driverItem = one(t.driverItem)!;
  if (t.executorItem) out.executorItem = one(t.executorItem)!;
  return out;
}

function redactJson(v: Json): Json {
  if (typeof v === "string") {
    const m = /^(spark\.[^=\s]+)=/.exec(v);
    return m && isSecretKeyName(m[1]!) ? `${m[0]}${REDACTED}` : redactJavaOptions(v);
  }
  if (Array.isArray(v)) return v.map(redactJson);
  if (v === null || typeof v !== "object") return v;
  const out: { [key: string]: Json } = {};
  for (const k in v) out[k] = redactJson(v[k]!);
  if (typeof v["name"] === "string" && typeof v["value"] === "string" && isSecretKeyName(v["name"])) {
    out["value"] = REDACTED;
  }
  return out;
}

/**
 * Last line of defence for rendered text: the values of secret-named keys, wherever they ended up.
 * Short values are skipped: replacing "1" everywhere would garble the output, and the inputs were
 * already redacted.
 */
export function scrubSecretValues(text: string, conf: ResolvedConf): string {
  let out = text;
  for (const e of conf.entries()) {
    if (isSecretKeyName(e.name) && e.value.length >= 6 && out.includes(e.value)) {
      out = out.split(e.value).join(REDACTED);
    }
  }
  return out;
}
