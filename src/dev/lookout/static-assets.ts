// The page's script and stylesheet, read once from src/dev/lookout/assets/ and served from
// memory. tsc does not copy them to dist/, so from dist/src/dev/lookout/ they are found in the
// source tree of the same checkout (or package).

import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "../spark-homes.js";

export interface StaticAsset {
  readonly contentType: string;
  readonly body: Buffer;
  readonly etag: string;
}

const contentTypes: Readonly<Record<string, string>> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

/**
 * The assets folder next to this module (source tree), else in the project's source tree (when
 * running from dist/, bundled or not).
 */
export function assetsDir(): string {
  const candidates = [
    fileURLToPath(new URL("./assets/", import.meta.url)),
    join(projectRoot(), "src", "dev", "lookout", "assets"),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, "lookout.js")));
  if (!found) throw new Error(`Lookout page assets not found; looked in ${candidates.join(", ")}`);
  return found;
}

export function loadAssets(dir = assetsDir()): ReadonlyMap<string, StaticAsset> {
  const assets = new Map<string, StaticAsset>();
  for (const name of readdirSync(dir)) {
    const contentType = contentTypes[extname(name)];
    if (!contentType) continue;
    const body = readFileSync(join(dir, name));
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"`;
    assets.set(`/assets/${name}`, { contentType, body, etag });
  }
  return assets;
}
