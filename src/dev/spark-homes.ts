// Where the project's pinned local Spark installations and driver-side jars are (contract D).
// `scripts/setup-spark.sh` writes `.spark/homes.json`; `scripts/build-jvm.sh` builds the jars.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface SparkInstall {
  readonly version: string;
  /** Absolute SPARK_HOME (the pyspark package directory: bin/, jars/, python/lib/). */
  readonly sparkHome: string;
  /** Scala binary version of the distribution's jars, e.g. "2.12" or "2.13". */
  readonly scala: string;
}

export interface SparkHomes {
  readonly defaultVersion: string;
  readonly installs: ReadonlyMap<string, SparkInstall>;
}

/** The jars the Spark image carries in /opt/spark/jars besides Spark's own. */
export interface ArmadaSparkJars {
  readonly clusterManager: string;
  readonly examples: string;
}

/** The project root: the nearest directory above this file holding package.json and scripts/. */
export function projectRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "scripts"))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the armada-spark project root above ${from}`);
    dir = up;
  }
}

export function homesFile(root: string = projectRoot()): string {
  return join(root, ".spark", "homes.json");
}

/** Parses homes.json text; throws with the file name and what is wrong. */
export function parseSparkHomes(text: string, file: string): SparkHomes {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message}); re-run scripts/setup-spark.sh`);
  }
  const bad = (what: string): Error =>
    new Error(
      `${file}: ${what}; expected {"default":"<version>","versions":{"<version>":{"sparkHome":"/abs","scala":"2.13"}}}`,
    );
  if (typeof data !== "object" || data === null) throw bad("not an object");
  const { default: def, versions } = data as { default?: unknown; versions?: unknown };
  if (typeof def !== "string") throw bad(`"default" is missing or not a string`);
  if (typeof versions !== "object" || versions === null) throw bad(`"versions" is missing`);
  const installs = new Map<string, SparkInstall>();
  for (const [version, entry] of Object.entries(versions as Record<string, unknown>)) {
    const { sparkHome, scala } = (entry ?? {}) as { sparkHome?: unknown; scala?: unknown };
    if (typeof sparkHome !== "string" || typeof scala !== "string") {
      throw bad(`versions["${version}"] needs string "sparkHome" and "scala"`);
    }
    installs.set(version, { version, sparkHome, scala });
  }
  if (!installs.has(def)) throw bad(`"default" ${def} is not one of the versions`);
  return { defaultVersion: def, installs };
}

/** Reads .spark/homes.json; a missing file says how to create it. */
export function readSparkHomes(root: string = projectRoot()): SparkHomes {
  const file = homesFile(root);
  if (!existsSync(file)) {
    throw new Error(`${file} does not exist: run scripts/setup-spark.sh to install the pinned local Spark`);
  }
  return parseSparkHomes(readFileSync(file, "utf8"), file);
}

/** One installation: the given version, else the default. */
export function sparkInstall(homes: SparkHomes, version?: string): SparkInstall {
  const want = version ?? homes.defaultVersion;
  const found = homes.installs.get(want);
  if (found === undefined) {
    const known = [...homes.installs.keys()].join(", ");
    throw new Error(
      `Spark ${want} is not installed locally (installed: ${known}); see scripts/setup-spark.sh`,
    );
  }
  return found;
}

export function armadaSparkJars(root: string = projectRoot()): ArmadaSparkJars {
  return {
    clusterManager: join(root, "jvm", "cluster-manager", "target", "armada-spark-cluster-manager.jar"),
    examples: join(root, "jvm", "examples", "target", "armada-spark-examples.jar"),
  };
}

/** The ARMADA_SPARK_JARS value for image/entrypoint-local.sh (colon separated). */
export function armadaSparkJarsPath(jars: ArmadaSparkJars = armadaSparkJars()): string {
  return [jars.clusterManager, jars.examples].join(":");
}
