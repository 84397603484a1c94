/** Rendering of the hosts file the JVMs of the embedded Armada resolve names through
 * (`-Djdk.net.hosts.file`). That file replaces name resolution for the JVM entirely, so it must
 * also list `localhost` and the machine's own host name (Spark looks both up). */
import { compareDottedNumbers } from "./dotted-numbers.js";

export interface HostsEntry {
  readonly address: string;
  readonly names: readonly string[];
}

/** One line per address, names in the given order; the host's names on 127.0.0.1 first.
 * Deterministic: entries are sorted by address, so equal state renders equal bytes. */
export function renderHostsFile(hostName: string, entries: readonly HostsEntry[]): string {
  const localNames = ["localhost"];
  const short = hostName.split(".")[0] ?? hostName;
  for (const name of [hostName, short]) {
    if (name && !localNames.includes(name)) localNames.push(name);
  }
  const lines = [
    "# Written by armada-spark dev: service names of running pods -> pod addresses.",
    `127.0.0.1 ${localNames.join(" ")}`,
  ];
  const sorted = [...entries]
    .filter((e) => e.names.length > 0)
    .sort((x, y) => compareDottedNumbers(x.address, y.address));
  for (const entry of sorted) lines.push(`${entry.address} ${entry.names.join(" ")}`);
  return lines.join("\n") + "\n";
}
