// Bundles the command line (dist/src/cli/main.js and everything it imports lazily) into a few
// ES modules under dist/bin/, one per lazily loaded command. Node resolves and reads hundreds of
// small modules (protobuf runtime, connect, generated code) at every start otherwise; a bundle
// halves the time to the first gRPC call (bench/RESULTS.md). Native and optional packages stay
// external and load from node_modules.
import { rmSync } from "node:fs";
import { build } from "esbuild";

// Chunk names carry content hashes: drop the previous build's chunks.
rmSync("dist/bin", { recursive: true, force: true });

await build({
  entryPoints: ["dist/src/cli/main.js"],
  outdir: "dist/bin",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  external: ["better-sqlite3", "yaml", "playwright-core"],
  logLevel: "warning",
});
