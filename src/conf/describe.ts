// Text for people: `--verbose`'s resolved configuration and `armada-spark keys`' listing. Secrets
// are redacted here, at the last step before printing.
import type { ConfKey, ConfKeyFamily } from "./key.js";
import { keyNamed } from "./registry-lookup.js";
import { displayValue, redactJavaOptions } from "./secrets.js";
import { describeSource } from "./source.js";
import type { Submission } from "./submission.js";

/** The resolved configuration with the source of every value, secrets redacted. */
export function describeSubmission(s: Submission): string {
  const lines = [
    "Resolved submission:",
    `  master            ${s.master.url}${s.master.tls ? " (TLS)" : ""}`,
    `  deploy mode       ${s.deployMode}`,
    `  application       ${s.primaryResource} (${s.language})`,
    ...(s.mainClass !== undefined ? [`  main class        ${s.mainClass}`] : []),
    `  arguments         ${s.appArgs.length === 0 ? "(none)" : s.appArgs.map((a) => JSON.stringify(redactJavaOptions(a))).join(" ")}`,
    "Spark properties (value, then where it came from):",
  ];
  const entries = s.conf.entries();
  const width = Math.min(48, Math.max(0, ...entries.map((e) => e.name.length)));
  for (const e of entries) {
    const shown = displayValue(e.name, e.value, keyNamed(e.name)?.secret);
    lines.push(`  ${e.name.padEnd(width)} = ${shown}  [${describeSource(e.source)}]`);
  }
  return lines.join("\n") + "\n";
}

export interface KeyDescription {
  name: string;
  expected: string;
  default?: string;
  help: string;
  aliases: string[];
  notSupported?: string;
  secret?: boolean;
}

export function describeKey(k: ConfKey<unknown>): KeyDescription {
  return {
    name: k.name,
    expected: k.type.expected,
    ...(k.defaultText !== undefined && { default: k.defaultText }),
    help: k.help,
    aliases: [...k.aliases],
    ...(k.notSupported !== undefined && { notSupported: k.notSupported }),
    ...(k.secret && { secret: true }),
  };
}

export function describeFamily(f: ConfKeyFamily): KeyDescription {
  return {
    name: `${f.prefix}<NAME>`,
    expected: f.type.expected,
    help: f.help,
    aliases: [],
    ...(f.notSupported !== undefined && { notSupported: f.notSupported }),
  };
}

/** The human listing: one block per key. */
export function formatKeyListing(list: readonly KeyDescription[]): string {
  const out: string[] = [];
  for (const k of list) {
    out.push(k.name);
    out.push(`    ${k.help}`);
    out.push(`    expects: ${k.expected}`);
    if (k.default !== undefined) out.push(`    default: ${k.default === "" ? '""' : k.default}`);
    if (k.aliases.length > 0) out.push(`    deprecated aliases: ${k.aliases.join(", ")}`);
    if (k.notSupported !== undefined) out.push(`    not supported: ${k.notSupported}`);
  }
  return out.join("\n") + "\n";
}
