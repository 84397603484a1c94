// armadactl's context file (~/.armadactl.yaml, or $ARMADACTL_CONFIG): a fallback source of the
// Armada URL and credentials for users who already use armadactl.
import { createRequire } from "node:module";
import type * as Yaml from "yaml";

// The yaml package costs a few hundred ms to load on a busy machine, and most users have no
// armadactl config: load it (synchronously, its CommonJS build) only when there is a file to parse.
const parseYaml = (text: string): unknown =>
  (createRequire(import.meta.url)("yaml") as typeof Yaml).parse(text);

export interface ExecAuth {
  cmd: string;
  args: string[];
  env: { name: string; value: string }[];
}

export interface ArmadactlContext {
  name: string;
  path: string; // the file it came from, for messages
  armadaUrl?: string;
  forceNoTls: boolean;
  basicAuth?: { username: string; password: string };
  execAuth?: ExecAuth;
}

export const armadactlConfigEnv = "ARMADACTL_CONFIG";

/** The file armadactl would read: $ARMADACTL_CONFIG, else ~/.armadactl.yaml. */
export function armadactlConfigPath(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const fromEnv = env[armadactlConfigEnv];
  return fromEnv !== undefined && fromEnv !== "" ? fromEnv : `${home}/.armadactl.yaml`;
}

const asRecord = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const asString = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/**
 * The current context of an armadactl config file's text, or undefined when it has none.
 * Throws with the path and the problem when the file is malformed.
 */
export function parseArmadactlConfig(text: string, path: string): ArmadactlContext | undefined {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new Error(`${path}: not valid YAML (${(err as Error).message.split("\n")[0]})`);
  }
  const root = asRecord(doc);
  if (root === undefined) return undefined;
  const current = asString(root["currentContext"]);
  const contexts = asRecord(root["contexts"]);
  if (current === undefined || contexts === undefined) return undefined;
  const ctx = asRecord(contexts[current]);
  if (ctx === undefined) throw new Error(`${path}: currentContext "${current}" is not under contexts`);
  const result: ArmadactlContext = { name: current, path, forceNoTls: ctx["forceNoTls"] === true };
  const url = asString(ctx["armadaUrl"]);
  if (url !== undefined) result.armadaUrl = url;
  const basic = asRecord(ctx["basicAuth"]);
  if (basic !== undefined) {
    result.basicAuth = {
      username: asString(basic["username"]) ?? "",
      password: String(basic["password"] ?? ""),
    };
  }
  const exec = asRecord(ctx["execAuth"]);
  if (exec !== undefined) {
    const cmd = asString(exec["cmd"]);
    if (cmd === undefined || cmd === "")
      throw new Error(`${path}: contexts.${current}.execAuth.cmd is missing`);
    const args = Array.isArray(exec["args"]) ? exec["args"].map(String) : [];
    const env = Array.isArray(exec["env"])
      ? exec["env"].map((e) => {
          const r = asRecord(e) ?? {};
          return { name: String(r["name"] ?? ""), value: String(r["value"] ?? "") };
        })
      : [];
    result.execAuth = { cmd, args, env };
  }
  return result;
}
