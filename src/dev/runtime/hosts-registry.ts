import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { renderHostsFile, type HostsEntry } from "./hosts-file.js";

/** The one hosts file of a runtime: each live pod's service names -> its address. Every change
 * rewrites the file atomically (write then rename), so a JVM never reads half a file. */
export class HostsRegistry {
  private readonly byPod = new Map<string, HostsEntry>();

  constructor(
    readonly path: string,
    private readonly hostName: string,
  ) {
    this.write();
  }

  /** A pod without service names changes nothing in the file, so it is not written. */
  set(podName: string, address: string, names: readonly string[]): void {
    if (names.length === 0) {
      this.remove(podName);
      return;
    }
    this.byPod.set(podName, { address, names: [...new Set(names)] });
    this.write();
  }

  remove(podName: string): void {
    if (this.byPod.delete(podName)) this.write();
  }

  private write(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, renderHostsFile(this.hostName, [...this.byPod.values()]));
    renameSync(temp, this.path);
  }
}
