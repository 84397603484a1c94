// bench/RESULTS.md holds one `## <area>` section per benchmark; each benchmark rewrites only its
// own section and describes the machine it measured on the same way.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../src/dev/spark-homes.js";

export const resultsFile = join(projectRoot(), "bench", "RESULTS.md");

/**
 * Replaces the section whose heading line is `title` (up to the next `## ` heading), or appends it,
 * keeping every other section as it is. `section` starts with its heading line.
 */
export function writeResultsSection(title: string, section: string, path: string = resultsFile): void {
  const text = existsSync(path) ? readFileSync(path, "utf8") : "# Benchmark results\n";
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.trim() === title);
  const body = section.trimEnd().split("\n");
  let out: string[];
  if (start < 0) {
    out = [...text.trimEnd().split("\n"), "", ...body];
  } else {
    let end = lines.findIndex((l, i) => i > start && l.startsWith("## "));
    if (end < 0) end = lines.length;
    out = [...lines.slice(0, start), ...body, "", ...lines.slice(end)];
  }
  writeFileSync(path, out.join("\n").trimEnd() + "\n");
}

/** CPUs (as `nproc` counts them), CPU model, memory, Node version and, if asked, Java's. */
export function describeMachine(options: { java?: boolean } = {}): string {
  const model = cpus()[0]?.model.trim() || "unknown CPU";
  const parts = [
    `${availableParallelism()} CPUs (nproc)`,
    model,
    `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `Node ${process.version}`,
  ];
  if (options.java) {
    const r = spawnSync("java", ["-version"], { encoding: "utf8" });
    parts.push(r.stderr?.split("\n")[0]?.trim() || "java: not found");
  }
  return parts.join(", ");
}

/** The load averages now, e.g. `3.1 / 2.8 / 2.5 (1/5/15 min)`: numbers mean little without them. */
export function loadAverage(): string {
  return `${loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")} (1/5/15 min)`;
}

/** Today's date as YYYY-MM-DD, for "Measured ..." lines. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
