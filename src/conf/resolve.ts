// spark-submit's resolution, done before anything leaves the machine: command line + properties
// files with Spark's precedence, aliases folded, every known key validated, typos warned about.
// Pure apart from the injected file reader.
import { ConfError, InvalidValue, UsageError } from "./errors.js";
import { keys } from "./keys.js";
import type { ConfKey } from "./key.js";
import type { ArmadaMaster } from "./master-url.js";
import { nearest } from "./near-miss.js";
import { parseProperties } from "./properties-file.js";
import { familyOf, keyForAlias, keyNamed, suggestionCandidates } from "./registry-lookup.js";
import { makeResolvedConf, type ConfEntry, type ResolvedConf } from "./resolved-conf.js";
import { isSecretKeyName } from "./secrets.js";
import { describeSource, type Source } from "./source.js";
import { freeFormPrefixes } from "./spark-known-keys.js";
import { parseSubmitArgs, type OutputFormat, type SubmitArgs } from "./submit-args.js";
import type { AppLanguage, Submission } from "./submission.js";

/** Reads a text file; returns undefined if it does not exist (other failures throw). */
export type ReadTextFile = (path: string) => string | undefined;
export type Env = Readonly<Record<string, string | undefined>>;

/** The command-line switches that are not configuration. */
export interface SubmitOptions {
  readonly verbose: boolean;
  readonly dryRun: boolean;
  readonly output?: OutputFormat;
  readonly noWait: boolean;
}

export type SubmitCommand =
  | { readonly action: "submit"; readonly options: SubmitOptions; readonly submission: Submission }
  | { readonly action: "help" | "version" }
  | { readonly action: "list-keys"; readonly output?: OutputFormat }
  | { readonly action: "kill" | "status"; readonly target: string };

interface RawEntry {
  readonly key: string; // as written
  readonly value: string;
  readonly source: Source;
}

/** Resolves a submission; throws UsageError / ConfError (exit code 2) unless it is a plain submit. */
export function resolveSubmission(argv: readonly string[], env: Env, readFile: ReadTextFile): Submission {
  const command = resolveSubmitCommand(argv, env, readFile);
  if (command.action !== "submit") throw new UsageError(`not a submission (--${command.action})`);
  return command.submission;
}

export function resolveSubmitCommand(
  argv: readonly string[],
  env: Env,
  readFile: ReadTextFile,
): SubmitCommand {
  const args = parseSubmitArgs(argv);
  switch (args.action) {
    case "help":
    case "version":
      return { action: args.action };
    case "list-keys":
      return { action: "list-keys", ...(args.output && { output: args.output }) };
    case "kill":
    case "status":
      return { action: args.action, target: args.target ?? "" };
    case "submit":
      break;
  }
  const warnings: string[] = [];
  const layers = readLayers(args, env, readFile, warnings);
  const merged = foldLayers(layers, warnings);
  const submission = buildSubmission(args, env, merged, warnings);
  return {
    action: "submit",
    options: {
      verbose: args.verbose,
      dryRun: args.dryRun,
      noWait: args.noWait,
      ...(args.output && { output: args.output }),
    },
    submission,
  };
}

/**
 * Validates a plain key/value map as if given with --conf (aliases folded, every known key parsed).
 * For tests and callers that build configuration without a command line.
 */
export function confFromProperties(props: Readonly<Record<string, string>>): {
  conf: ResolvedConf;
  warnings: string[];
} {
  const warnings: string[] = [];
  const layer = Object.entries(props).map(([key, value]) => ({
    key,
    value,
    source: { kind: "conf-flag" } as const,
  }));
  const merged = foldLayers([layer], warnings);
  return { conf: validate(merged, warnings), warnings: dedupe(warnings) };
}

// ---- Layers, lowest precedence first ---------------------------------------------------------

function readLayers(args: SubmitArgs, env: Env, readFile: ReadTextFile, warnings: string[]): RawEntry[][] {
  const layers: RawEntry[][] = [];
  // Spark 4.x: spark-defaults.conf is read unless --properties-file is given without
  // --load-spark-defaults (in 3.x --properties-file always replaces it).
  if (args.propertiesFile === undefined || args.loadSparkDefaults) {
    const defaultsPath = sparkDefaultsPath(env);
    if (defaultsPath !== undefined) {
      const text = read(readFile, defaultsPath, false);
      if (text !== undefined) layers.push(fileLayer(defaultsPath, text));
    }
  }
  if (args.propertiesFile !== undefined) {
    layers.push(fileLayer(args.propertiesFile, read(readFile, args.propertiesFile, true)!));
  }
  layers.push(args.confs.map((c) => ({ key: c.key, value: c.value, source: { kind: "conf-flag" } })));
  const flags: RawEntry[] = [...args.flagValues.values()].map((f) => ({
    key: f.key,
    value: f.value,
    source: { kind: "flag", flag: f.flag },
  }));
  if (args.noWait)
    flags.push({
      key: keys.driverWatchEnabled.name,
      value: "false",
      source: { kind: "flag", flag: "--no-wait" },
    });
  layers.push(flags);
  for (const layer of layers.slice(0, -1)) dropNonSparkKeys(layer, warnings);
  return layers;
}

/** `$SPARK_CONF_DIR/spark-defaults.conf`, else `$SPARK_HOME/conf/spark-defaults.conf` (SPARK_CONF_DIR wins even if the file is absent there). */
export function sparkDefaultsPath(env: Env): string | undefined {
  const dir =
    nonEmpty(env.SPARK_CONF_DIR) ??
    (nonEmpty(env.SPARK_HOME) && `${env.SPARK_HOME!.replace(/\/$/, "")}/conf`);
  return dir ? `${dir.replace(/\/$/, "")}/spark-defaults.conf` : undefined;
}

function nonEmpty(s: string | undefined): string | undefined {
  return s !== undefined && s.length > 0 ? s : undefined;
}

function read(readFile: ReadTextFile, path: string, required: boolean): string | undefined {
  let text: string | undefined;
  try {
    text = readFile(path);
  } catch (e) {
    throw new UsageError(`cannot read properties file ${path}: ${(e as Error).message}`);
  }
  if (text === undefined && required) throw new UsageError(`--properties-file: file ${path} does not exist`);
  return text;
}

function fileLayer(path: string, text: string): RawEntry[] {
  return parseProperties(text, path).map((p) => ({
    key: p.key,
    value: p.value,
    source: { kind: "file", path, line: p.line },
  }));
}

/** Spark ignores (with a warning) properties whose names do not start with "spark.". */
function dropNonSparkKeys(layer: RawEntry[], warnings: string[]): void {
  for (let i = layer.length - 1; i >= 0; i--) {
    const e = layer[i]!;
    if (!e.key.startsWith("spark.")) {
      warnings.push(`ignoring non-Spark config property ${e.key} (from ${describeSource(e.source)})`);
      layer.splice(i, 1);
    }
  }
}

/** Applies layers in order (later wins), folding aliases into canonical names. */
function foldLayers(layers: readonly RawEntry[][], warnings: string[]): Map<string, ConfEntry> {
  const merged = new Map<string, ConfEntry>();
  for (const layer of layers) {
    for (const e of layer) {
      const canonical = keyForAlias(e.key);
      if (canonical !== undefined) {
        warnings.push(`${e.key} (from ${describeSource(e.source)}) is deprecated; use ${canonical.name}`);
      }
      const name = canonical?.name ?? e.key;
      merged.set(name, { name, value: e.value, source: e.source });
    }
  }
  return merged;
}

// ---- Submission ----------------------------------------------------------------------------

function buildSubmission(
  args: SubmitArgs,
  env: Env,
  merged: Map<string, ConfEntry>,
  warnings: string[],
): Submission {
  const master = resolveMaster(merged, env);
  resolveDeployMode(merged, env);
  const primaryResource = args.primaryResource;
  if (primaryResource === undefined || primaryResource.length === 0)
    throw new UsageError("missing the application: give a jar or a .py file after the options");
  if (/^(spark|pyspark|sparkr)-shell$/.test(primaryResource))
    throw new UsageError(`interactive shells (${primaryResource}) are not supported in cluster mode`);
  const language = languageOf(primaryResource);
  let mainClass = args.mainClass;
  if (language === "java" && mainClass === undefined)
    throw new UsageError(`--class is required: give the main class of ${primaryResource}`);
  if (language !== "java" && mainClass !== undefined) {
    warnings.push(`--class is ignored for ${language === "python" ? "Python" : "R"} applications`);
    mainClass = undefined;
  }
  if (!merged.has(keys.appName.name)) {
    const appName = mainClass ?? fileName(primaryResource);
    merged.set(keys.appName.name, { name: keys.appName.name, value: appName, source: { kind: "default" } });
  }
  const conf = validate(merged, warnings);
  if (conf.raw(keys.tlsCaFile.name) !== undefined && !master.tls) {
    warnings.push(
      `${keys.tlsCaFile.name} is set but the master ${master.url} is plaintext; it is ignored (use armada+tls://)`,
    );
  }
  return {
    master,
    deployMode: "cluster",
    ...(mainClass !== undefined && { mainClass }),
    primaryResource,
    appArgs: args.appArgs,
    appName: conf.get(keys.appName)!,
    language,
    conf,
    warnings: dedupe(warnings),
  };
}

const masterForms = "armada://host:port or armada+tls://host:port";

function resolveMaster(merged: Map<string, ConfEntry>, env: Env): ArmadaMaster {
  const name = keys.master.name;
  if (!merged.has(name) && nonEmpty(env.MASTER) !== undefined)
    merged.set(name, { name, value: env.MASTER!, source: { kind: "env", name: "MASTER" } });
  const entry = merged.get(name);
  if (entry === undefined) throw new UsageError(`--master is required: ${masterForms}`);
  return parseEntry(keys.master, entry);
}

function resolveDeployMode(merged: Map<string, ConfEntry>, env: Env): void {
  const name = keys.deployMode.name;
  if (!merged.has(name) && nonEmpty(env.DEPLOY_MODE) !== undefined)
    merged.set(name, { name, value: env.DEPLOY_MODE!, source: { kind: "env", name: "DEPLOY_MODE" } });
  const entry = merged.get(name);
  // Spark defaults to client mode; we only run the driver on Armada, so cluster is our default.
  if (entry === undefined) {
    merged.set(name, { name, value: "cluster", source: { kind: "default" } });
    return;
  }
  if (parseEntry(keys.deployMode, entry) === "client")
    throw new ConfError({
      subject: name,
      value: entry.value,
      source: entry.source,
      expected: "cluster",
      problem: "client deploy mode is not supported yet; use --deploy-mode cluster",
    });
}

function languageOf(resource: string): AppLanguage {
  if (resource.endsWith(".py")) return "python";
  if (resource.endsWith(".R") || resource.endsWith(".r")) return "r";
  return "java";
}

function fileName(resource: string): string {
  const path = resource.replace(/[?#].*$/, "").replace(/\/+$/, "");
  return path.slice(path.lastIndexOf("/") + 1) || resource;
}

// ---- Validation ------------------------------------------------------------------------------

function parseEntry<T>(key: ConfKey<T>, entry: ConfEntry): T {
  const secret = key.secret === true || isSecretKeyName(entry.name);
  if (key.notSupported !== undefined)
    throw new ConfError({
      subject: entry.name,
      value: entry.value,
      source: entry.source,
      expected: "",
      problem: key.notSupported,
      secret,
    });
  try {
    return key.type.parse(entry.value);
  } catch (e) {
    if (!(e instanceof InvalidValue)) throw e;
    throw new ConfError({
      subject: entry.name,
      value: entry.value,
      source: entry.source,
      expected: key.type.expected,
      reason: e.message,
      secret,
    });
  }
}

/** Validates every entry (not only those the plan reads) and warns about unknown keys. */
function validate(merged: Map<string, ConfEntry>, warnings: string[]): ResolvedConf {
  const parsed = new Map<string, unknown>();
  const names = [...merged.keys()].sort();
  for (const name of names) {
    const entry = merged.get(name)!;
    const key = keyNamed(name);
    if (key !== undefined) {
      parsed.set(name, parseEntry(key, entry));
      continue;
    }
    const family = familyOf(name);
    if (family !== undefined) {
      parseEntry({ ...family, name, aliases: [] }, entry);
      continue;
    }
    if (name.startsWith("spark.armada.") && isSecretKeyName(name))
      throw new ConfError({
        subject: name,
        value: entry.value,
        source: entry.source,
        expected: "",
        problem:
          "secrets are not configuration (they would travel to the driver); set the ARMADA_AUTH_TOKEN environment variable or spark.armada.auth.script.path",
        secret: true,
      });
    warnUnknown(entry, warnings);
  }
  return makeResolvedConf([...merged.values()], parsed);
}

function warnUnknown(entry: ConfEntry, warnings: string[]): void {
  const { name } = entry;
  if (freeFormPrefixes.some((p) => name.startsWith(p))) return;
  if (suggestionCandidates().includes(name)) return;
  const guess = nearest(name, suggestionCandidates());
  const from = `(from ${describeSource(entry.source)})`;
  if (guess !== undefined) {
    const caseOnly = guess.toLowerCase() === name.toLowerCase();
    warnings.push(
      `unknown key ${name} ${from}; did you mean ${guess}?` +
        (caseOnly ? " (key names are case-sensitive; Spark ignores this one)" : ""),
    );
  } else if (name.startsWith("spark.armada.")) {
    warnings.push(`unknown key ${name} ${from}; it is passed to Spark as is (see 'armada-spark keys')`);
  }
}

function dedupe(lines: readonly string[]): string[] {
  return [...new Set(lines)];
}
