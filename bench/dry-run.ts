// Dry-run speed: wall time and peak memory of `bin/armada-spark-submit --dry-run` as a user runs it
// (a fresh Node process each time), for the seed example and a 1000-executor application, next to
// a bare `node -e 0` measured in the same run. Runs are interleaved so machine load hits all cases
// alike; medians are reported. Peak RSS comes from /usr/bin/time -f %M (GNU time).
// Run: npm run build && node dist/bench/dry-run.js [--runs N] [--write]
//      (--write replaces the "## dry-run" section of bench/RESULTS.md, keeping the others)
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { binPath } from "../e2e/support/cli.js";
import { seedArgs } from "../src/plan/test-support.js";
import { describeMachine, loadAverage, today, writeResultsSection } from "./results-file.js";

const bin = binPath("armada-spark-submit");
const gnuTime = "/usr/bin/time";

interface Case {
  name: string;
  argv: string[];
}

/** `--dry-run` of the seed example with `executors` executors, after the given options. */
const dryRun = (executors: number, ...options: string[]) => [
  bin,
  ...options,
  ...seedArgs({ executors, dryRun: true }),
];

const cases: Case[] = [
  { name: "bare `node -e 0`", argv: ["-e", "0"] },
  { name: "seed example (4 executors), yaml", argv: dryRun(4) },
  { name: "seed example (4 executors), -o json", argv: dryRun(4, "-o", "json") },
  { name: "1000 executors, yaml", argv: dryRun(1000) },
  { name: "1000 executors, -o json", argv: dryRun(1000, "-o", "json") },
];

interface Sample {
  ms: number;
  /** user + system CPU time of the child: unlike wall time, barely affected by other load. */
  cpuMs: number;
  rssMB: number;
}

function runOnce(c: Case, scratch: string): Sample {
  const rssFile = join(scratch, "rss");
  const start = process.hrtime.bigint();
  const r = spawnSync(gnuTime, ["-f", "%M %U %S", "-o", rssFile, process.execPath, ...c.argv], {
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${c.name}: exit ${r.status}: ${r.stderr}`);
  const [kb, user, sys] = readFileSync(rssFile, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number);
  return { ms, cpuMs: (user! + sys!) * 1000, rssMB: kb! / 1024 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function main(): void {
  const argv = process.argv.slice(2);
  const runsAt = argv.indexOf("--runs");
  const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 15;
  const write = argv.includes("--write");
  if (!existsSync(gnuTime)) throw new Error(`${gnuTime} (GNU time) is needed to measure peak RSS`);
  const scratch = mkdtempSync(join(tmpdir(), "bench-dry-run-"));
  const where = `${describeMachine()}; load average at start ${loadAverage()}`;
  try {
    for (const c of cases) runOnce(c, scratch); // warm the file cache
    const samples = new Map<Case, Sample[]>(cases.map((c) => [c, []]));
    for (let i = 0; i < runs; i++) for (const c of cases) samples.get(c)!.push(runOnce(c, scratch));

    const stat = (c: Case) => {
      const s = samples.get(c)!;
      return {
        ms: median(s.map((x) => x.ms)),
        cpuMs: median(s.map((x) => x.cpuMs)),
        rss: Math.max(...s.map((x) => x.rssMB)),
      };
    };
    const bare = stat(cases[0]!);
    const seedYaml = stat(cases[1]!);
    const seedJson = stat(cases[2]!);
    const bigYaml = stat(cases[3]!);
    const bigJson = stat(cases[4]!);
    const check = (ok: boolean) => (ok ? "met" : "**missed**");
    const rows = cases.map((c) => {
      const s = stat(c);
      return (
        `| ${c.name} | ${s.ms.toFixed(0)} | ${(s.ms / bare.ms).toFixed(2)}x | ${s.cpuMs.toFixed(0)} | ` +
        `${(s.cpuMs / bare.cpuMs).toFixed(2)}x | ${s.rss.toFixed(1)} |`
      );
    });
    const worstRss = Math.max(seedYaml.rss, seedJson.rss, bigYaml.rss, bigJson.rss);
    const targets = [
      `- seed example median <= 150 ms: ${check(Math.max(seedYaml.ms, seedJson.ms) <= 150)} ` +
        `(yaml ${seedYaml.ms.toFixed(0)} ms, json ${seedJson.ms.toFixed(0)} ms)`,
      `- seed example <= 4x bare Node start: ${check(Math.max(seedYaml.ms, seedJson.ms) <= 4 * bare.ms)} ` +
        `(${(Math.max(seedYaml.ms, seedJson.ms) / bare.ms).toFixed(2)}x)`,
      `- 1000 executors median <= 400 ms: ${check(Math.max(bigYaml.ms, bigJson.ms) <= 400)} ` +
        `(yaml ${bigYaml.ms.toFixed(0)} ms, json ${bigJson.ms.toFixed(0)} ms)`,
      `- peak RSS <= 100 MB: ${check(worstRss <= 100)} (worst ${worstRss.toFixed(1)} MB)`,
    ];
    const section = [
      "## dry-run",
      "",
      "Wall time and peak RSS of `bin/armada-spark-submit --dry-run` in a fresh Node process",
      `(\`npm run build && node dist/bench/dry-run.js --write\`): median of ${runs} interleaved runs`,
      "per case after one warm-up, peak RSS the maximum over the runs (GNU time `%M`), next to a bare",
      "`node -e 0` measured in the same run. The seed example is the seed document's command;",
      "1000 executors is the same with `spark.executor.instances=1000`. CPU time (GNU time `%U`+`%S`,",
      "10 ms resolution) is shown too: on a loaded machine wall time mostly measures waiting for a CPU.",
      "",
      `Machine: ${where}. Measured ${today()}.`,
      "",
      "| case | median wall (ms) | wall vs bare | median CPU user+sys (ms) | CPU vs bare | peak RSS (MB) |",
      "|---|---:|---:|---:|---:|---:|",
      ...rows,
      "",
      "Targets:",
      ...targets,
      "",
      "The absolute targets assume an otherwise idle machine. With a load average well above the CPU",
      "count, even bare Node's start takes several times its idle time; the ratios to bare Node in the",
      "same run are then the meaningful numbers.",
      "",
    ].join("\n");
    process.stdout.write(section);
    if (write) writeResultsSection("## dry-run", section);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
