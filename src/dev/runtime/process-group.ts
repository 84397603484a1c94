import { readdirSync, readFileSync } from "node:fs";

/** Sends `signal` to every process of the group; false when the group is gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: nobody left
  }
}

/** Whether a process of the group still runs. Zombies (dead, waiting to be reaped by whoever
 * adopted them) do not count: they hold no resources and cannot be signalled away. */
export function groupAlive(pgid: number): boolean {
  if (!signalGroup(pgid, 0)) return false;
  if (process.platform !== "linux") return true;
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return true;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    // pid (comm) state ppid pgrp ... ; comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === pgid && fields[0] !== "Z" && fields[0] !== "X") return true;
  }
  return false;
}

/** Resolves once no process of the group runs, or after `timeoutMs` (then false). */
export async function waitGroupGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  while (groupAlive(pgid)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 50);
  }
  return true;
}

/** The environment variable that marks every process of one container (inherited by its
 * descendants), so those that left the process group (setsid, setpgid: e.g. PySpark's worker
 * daemon) can still be found. Linux only (/proc); elsewhere only the group is reachable. */
export const CONTAINER_TAG_VARIABLE = "ARMADA_DEV_CONTAINER_ID";

/** Pids of the processes whose environment carries `<CONTAINER_TAG_VARIABLE>=<tag>`. */
export function taggedProcesses(tag: string): number[] {
  if (process.platform !== "linux") return [];
  const needle = Buffer.from(`\0${CONTAINER_TAG_VARIABLE}=${tag}\0`);
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environ = Buffer.concat([Buffer.from([0]), readFileSync(`/proc/${entry}/environ`)]);
      if (environ.includes(needle)) pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours (EACCES)
    }
  }
  return pids;
}

/** SIGKILLs every tagged process; returns how many were signalled. */
export function killTagged(tag: string): number {
  let killed = 0;
  for (const pid of taggedProcesses(tag)) {
    try {
      process.kill(pid, "SIGKILL");
      killed++;
    } catch {
      // already gone
    }
  }
  return killed;
}
