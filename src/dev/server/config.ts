// The embedded Armada's configuration: simulated clusters and nodes, queues created at start,
// users and tokens, image mappings for the pod runtime. Read from YAML (`--config`), every field
// optional; defaults describe one cluster `dev` with one node sized from this machine.

import { readFileSync } from "node:fs";
import os from "node:os";
import { parse as parseYaml } from "yaml";
import type { ImageRule } from "../runtime/pod-runtime.js";
import { parseQuantity } from "../../conf/quantity.js";

/** The node label that makes a gang land within one simulated cluster. */
export const clusterLabel = "armada-spark/cluster";

export interface NodeConfig {
  readonly name: string;
  /** Base units: cpu in cores, memory in bytes, any other resource as a count. */
  readonly resources: Readonly<Record<string, number>>;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ClusterConfig {
  readonly name: string;
  readonly pool: string;
  readonly nodes: readonly NodeConfig[];
}

export interface QueueConfig {
  readonly name: string;
  readonly priorityFactor: number;
}

export interface AuthConfig {
  /** Requests without credentials are served as user "anonymous". */
  readonly anonymous: boolean;
  readonly users: ReadonlyArray<{ readonly username: string; readonly password: string }>;
  readonly tokens: ReadonlyArray<{ readonly token: string; readonly user: string }>;
}

export interface DevConfig {
  readonly clusters: readonly ClusterConfig[];
  readonly queues: readonly QueueConfig[];
  readonly auth: AuthConfig;
  /** Armada's submission.allowCustomServiceNames. */
  readonly allowCustomServiceNames: boolean;
  /** The pod runtime's image rules (first match wins; then the runtime's defaults). */
  readonly images: readonly ImageRule[];
  /** Extra host environment variables every container inherits. */
  readonly inheritEnv: readonly string[];
  /** Where the configuration came from, for messages. */
  readonly origin: string;
}

export class DevConfigError extends Error {
  constructor(origin: string, key: string, value: unknown, expected: string) {
    super(`${origin}: ${key}: ${JSON.stringify(value)} is invalid: expected ${expected}`);
    this.name = "DevConfigError";
  }
}

/**
 * The default node has a generous virtual capacity: pods are local processes that nothing
 * limits, and a Spark application needs a driver plus executors at one cpu each even on a
 * 2-core machine. Memory is the machine's total RAM.
 */
export function defaultNode(clusterName: string): NodeConfig {
  const cores = os.availableParallelism();
  return {
    name: `${clusterName}-node-0`,
    resources: { cpu: Math.max(8, cores * 4), memory: os.totalmem(), "ephemeral-storage": 2 ** 40 },
    labels: {},
  };
}

export function defaultConfig(): DevConfig {
  return resolveConfig({}, "defaults");
}

export function loadConfig(path: string): DevConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`--config ${path}: cannot read: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new Error(`--config ${path}: not valid YAML: ${(e as Error).message}`);
  }
  return resolveConfig(raw ?? {}, path);
}

type Raw = Record<string, unknown>;

function isRecord(v: unknown): v is Raw {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function list(origin: string, key: string, v: unknown): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new DevConfigError(origin, key, v, "a list");
  return v;
}

function record(origin: string, key: string, v: unknown): Raw {
  if (v === undefined) return {};
  if (!isRecord(v)) throw new DevConfigError(origin, key, v, "a mapping");
  return v;
}

function str(origin: string, key: string, v: unknown, fallback?: string): string {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== "string" || v === "") throw new DevConfigError(origin, key, v, "a non-empty string");
  return v;
}

function bool(origin: string, key: string, v: unknown, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== "boolean") throw new DevConfigError(origin, key, v, "true or false");
  return v;
}

/** Validates a parsed YAML document and fills the defaults. */
export function resolveConfig(raw: unknown, origin: string): DevConfig {
  if (!isRecord(raw)) throw new DevConfigError(origin, "(top level)", raw, "a mapping");
  const clusters = list(origin, "clusters", raw["clusters"]).map((c, i) =>
    resolveCluster(origin, `clusters[${i}]`, c),
  );
  if (clusters.length === 0)
    clusters.push(withClusterLabel({ name: "dev", pool: "default", nodes: [defaultNode("dev")] }));
  const clusterNames = new Set<string>();
  const nodeNames = new Set<string>();
  for (const c of clusters) {
    if (clusterNames.has(c.name))
      throw new DevConfigError(origin, "clusters[].name", c.name, "unique cluster names");
    clusterNames.add(c.name);
    for (const n of c.nodes) {
      if (nodeNames.has(n.name))
        throw new DevConfigError(origin, "nodes[].name", n.name, "unique node names");
      nodeNames.add(n.name);
    }
  }

  const queues = list(origin, "queues", raw["queues"]).map((q, i) => {
    const key = `queues[${i}]`;
    if (typeof q === "string") return { name: q, priorityFactor: 1 };
    const r = record(origin, key, q);
    const priorityFactor = r["priorityFactor"] ?? 1;
    if (typeof priorityFactor !== "number" || priorityFactor < 1) {
      throw new DevConfigError(origin, `${key}.priorityFactor`, priorityFactor, "a number >= 1");
    }
    return { name: str(origin, `${key}.name`, r["name"]), priorityFactor };
  });
  if (raw["queues"] === undefined) queues.push({ name: "default", priorityFactor: 1 });

  const auth = record(origin, "auth", raw["auth"]);
  const users = list(origin, "auth.users", auth["users"]).map((u, i) => {
    const r = record(origin, `auth.users[${i}]`, u);
    return {
      username: str(origin, `auth.users[${i}].username`, r["username"]),
      password: str(origin, `auth.users[${i}].password`, r["password"]),
    };
  });
  const tokens = list(origin, "auth.tokens", auth["tokens"]).map((t, i) => {
    const r = record(origin, `auth.tokens[${i}]`, t);
    return {
      token: str(origin, `auth.tokens[${i}].token`, r["token"]),
      user: str(origin, `auth.tokens[${i}].user`, r["user"]),
    };
  });

  return {
    clusters,
    queues,
    auth: { anonymous: bool(origin, "auth.anonymous", auth["anonymous"], true), users, tokens },
    allowCustomServiceNames: bool(origin, "allowCustomServiceNames", raw["allowCustomServiceNames"], true),
    images: list(origin, "images", raw["images"]).map((r, i) => resolveImageRule(origin, `images[${i}]`, r)),
    inheritEnv: list(origin, "inheritEnv", raw["inheritEnv"]).map((v, i) =>
      str(origin, `inheritEnv[${i}]`, v),
    ),
    origin,
  };
}

function resolveCluster(origin: string, key: string, raw: unknown): ClusterConfig {
  const r = record(origin, key, raw);
  const name = str(origin, `${key}.name`, r["name"]);
  const rawNodes = list(origin, `${key}.nodes`, r["nodes"]);
  const nodes =
    rawNodes.length === 0
      ? [defaultNode(name)]
      : rawNodes.map((n, i) => resolveNode(origin, `${key}.nodes[${i}]`, name, i, n));
  return withClusterLabel({ name, pool: str(origin, `${key}.pool`, r["pool"], "default"), nodes });
}

function resolveNode(origin: string, key: string, cluster: string, index: number, raw: unknown): NodeConfig {
  const r = record(origin, key, raw);
  const resources: Record<string, number> = {};
  for (const [name, value] of Object.entries(record(origin, `${key}.resources`, r["resources"]))) {
    const parsed =
      typeof value === "number" ? value : typeof value === "string" ? parseQuantity(value) : undefined;
    if (parsed === undefined || parsed < 0) {
      throw new DevConfigError(
        origin,
        `${key}.resources.${name}`,
        value,
        "a Kubernetes quantity such as 8, 500m or 16Gi",
      );
    }
    resources[name] = parsed;
  }
  const fallback = defaultNode(cluster).resources;
  for (const [name, value] of Object.entries(fallback)) resources[name] ??= value;
  const labels: Record<string, string> = {};
  for (const [name, value] of Object.entries(record(origin, `${key}.labels`, r["labels"]))) {
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
      throw new DevConfigError(origin, `${key}.labels.${name}`, value, "a string");
    }
    labels[name] = String(value);
  }
  return { name: str(origin, `${key}.name`, r["name"], `${cluster}-node-${index}`), resources, labels };
}

function withClusterLabel(cluster: ClusterConfig): ClusterConfig {
  return {
    ...cluster,
    nodes: cluster.nodes.map((n) => ({
      ...n,
      labels: { [clusterLabel]: cluster.name, "kubernetes.io/hostname": n.name, ...n.labels },
    })),
  };
}

function resolveImageRule(origin: string, key: string, raw: unknown): ImageRule {
  const r = record(origin, key, raw);
  const match = str(origin, `${key}.match`, r["match"]);
  const runtime = r["runtime"];
  if (runtime === "host") return { match, runtime };
  if (runtime !== "spark") throw new DevConfigError(origin, `${key}.runtime`, runtime, '"spark" or "host"');
  const version = r["sparkVersion"];
  if (version === undefined) return { match, runtime };
  return { match, runtime, sparkVersion: str(origin, `${key}.sparkVersion`, String(version)) };
}
