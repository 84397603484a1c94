// One server per state directory: two servers on one SQLite file would both schedule the same
// jobs. The lock is a file holding the owner's pid; a lock left by a dead process is taken over.

import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface StateLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockStateDir(stateDir: string): StateLock {
  const file = path.join(stateDir, "dev.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      return { release: () => rmSync(file, { force: true }) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = Number(readFileSync(file, "utf8").trim());
      if (owner && owner !== process.pid && alive(owner)) {
        throw new Error(
          `--state-dir ${stateDir}: already used by another armada-spark dev (pid ${owner}); stop it or pick another --state-dir`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`--state-dir ${stateDir}: cannot take the lock ${file}`);
}
