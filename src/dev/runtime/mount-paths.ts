/**
 * Volume mounts without a mount namespace: a container cannot see its volume at `mountPath`,
 * so every place where a container names a path — command, args, env values, workingDir — has
 * the mount path replaced by the volume's real directory. A mount path matches only at a path
 * boundary: preceded by the start of the value, one of `= : , ; ' " ( [ {`, whitespace or a URI's
 * `scheme://` (as in `--conf spark.local.dir=/data`, `PATH=/a:/data/bin`,
 * `local:///data/app.jar`), and followed by the end, `/`, or
 * one of `: , ; ' " ) ] }` or whitespace. Longer mount paths win over their prefixes.
 */

export interface PathMapping {
  /** An absolute path as the container sees it (the mount path), without a trailing slash. */
  readonly from: string;
  /** The real directory on this machine. */
  readonly to: string;
}

export function normalizeMountPath(mountPath: string): string | undefined {
  const trimmed = mountPath.replace(/\/+$/, "");
  if (!trimmed.startsWith("/") || trimmed === "") return undefined; // relative, or the root
  return trimmed;
}

export function rewritePaths(value: string, mappings: readonly PathMapping[]): string {
  if (mappings.length === 0) return value;
  const sorted = [...mappings].sort((a, b) => b.from.length - a.from.length);
  const byFrom = new Map(sorted.map((m) => [m.from, m.to]));
  const alternatives = sorted.map((m) => escapeRegExp(m.from)).join("|");
  const pattern = new RegExp(`(^|[\\s=:,;'"(\\[{]|://)(${alternatives})(?=$|[/\\s:,;'")\\]}])`, "g");
  return value.replace(pattern, (_all, before: string, from: string) => before + (byFrom.get(from) ?? from));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
