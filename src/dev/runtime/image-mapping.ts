import type { ImageRule } from "./pod-runtime.js";
import type { SparkHomes } from "../spark-homes.js";
import { compareDottedNumbers } from "./dotted-numbers.js";

export type ImageMapping =
  { readonly runtime: "host" } | { readonly runtime: "spark"; readonly sparkVersion?: string };

/** Rules that apply after the configured ones. */
export const defaultImageRules: readonly ImageRule[] = [{ match: "*spark*", runtime: "spark" }];

/** The local runtime for an image: the first matching configured rule, then the defaults,
 * else the host. */
export function mapImage(image: string, rules: readonly ImageRule[] = []): ImageMapping {
  for (const rule of [...rules, ...defaultImageRules]) {
    if (!imageMatches(rule.match, image)) continue;
    if (rule.runtime === "host") return { runtime: "host" };
    return rule.sparkVersion ? { runtime: "spark", sparkVersion: rule.sparkVersion } : { runtime: "spark" };
  }
  return { runtime: "host" };
}

/** `/regex/flags`, or a glob over the whole reference (`*` any characters, `?` one). */
export function imageMatches(pattern: string, image: string): boolean {
  const regex = /^\/(.*)\/([a-z]*)$/.exec(pattern);
  if (regex) return new RegExp(regex[1] ?? "", regex[2]).test(image);
  const glob = pattern
    .split("")
    .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${glob}$`).test(image);
}

export type SparkChoice =
  | { readonly ok: true; readonly version: string; readonly sparkHome: string }
  | { readonly ok: false; readonly error: string };

/** Which installed Spark runs an image: the rule's version if given; else the image tag's
 * version when installed (exactly, or the newest with the same major.minor); else the default. */
export function chooseSpark(image: string, requested: string | undefined, homes: SparkHomes): SparkChoice {
  const installed = [...homes.installs.keys()];
  const pick = (version: string): SparkChoice => {
    const home = homes.installs.get(version);
    return home
      ? { ok: true, version, sparkHome: home.sparkHome }
      : {
          ok: false,
          error: `Spark ${version} for image "${image}" is not installed (installed: ${installed.join(", ") || "none"}); run scripts/setup-spark.sh`,
        };
  };
  if (requested) return pick(requested);
  const tagVersion = /:v?(\d+\.\d+)(\.\d+)?(?:[-_.].*)?$/.exec(image);
  if (tagVersion) {
    const full = `${tagVersion[1]}${tagVersion[2] ?? ""}`;
    if (homes.installs.has(full)) return pick(full);
    const sameMinor = installed
      .filter((v) => v.startsWith(`${tagVersion[1]}.`))
      .sort((a, b) => compareDottedNumbers(b, a));
    if (sameMinor[0]) return pick(sameMinor[0]);
  }
  return pick(homes.defaultVersion);
}
