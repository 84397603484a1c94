import { readFileSync } from "node:fs";
import { join } from "node:path";

/** `.spark/homes.json` as scripts/setup-spark.sh writes it (contract D). */
export interface SparkHomes {
  readonly default: string;
  readonly versions: Readonly<Record<string, { readonly sparkHome: string; readonly scala?: string }>>;
}

/** Reads `<projectRoot>/.spark/homes.json`; undefined when Spark is not set up.
 * (Stand-in until src/dev/spark-homes.ts exists; the one place to swap.) */
export function readSparkHomes(projectRoot: string): SparkHomes | undefined {
  let text: string;
  try {
    text = readFileSync(join(projectRoot, ".spark", "homes.json"), "utf8");
  } catch {
    return undefined;
  }
  const parsed = JSON.parse(text) as Partial<SparkHomes>;
  if (typeof parsed.default !== "string" || typeof parsed.versions !== "object" || parsed.versions === null) {
    throw new Error(
      `${join(projectRoot, ".spark", "homes.json")}: expected {"default": "...", "versions": {...}}`,
    );
  }
  return parsed as SparkHomes;
}
