// What `resolveSubmission(argv, env, readFile)` returns: everything the plan needs, validated.
import type { ArmadaMaster } from "./master-url.js";
import type { ResolvedConf } from "./resolved-conf.js";

export type { ArmadaMaster } from "./master-url.js";

export type AppLanguage = "java" | "python" | "r";

export interface Submission {
  master: ArmadaMaster;
  deployMode: "cluster";
  mainClass?: string;
  /** Jar or .py, as given (local://, a path, file://, http(s)://). */
  primaryResource: string;
  appArgs: readonly string[];
  /** spark.app.name (default: the main class, else the resource's file name, as Spark). */
  appName: string;
  language: AppLanguage;
  /**
   * Every spark.* property after Spark's precedence; flags such as --jars, --files, --driver-memory
   * are already mapped to keys.
   */
  conf: ResolvedConf;
  /** Deprecation and near-miss notices, printed by the CLI. */
  warnings: readonly string[];
}
