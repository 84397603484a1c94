// A container log file as Binoculars returns it: at most 2 MB from the start (Kubernetes'
// limitBytes), split into lines, each with a timestamp. A line that starts with an RFC 3339
// timestamp (as `kubectl logs --timestamps` prints) keeps it; other lines get the file's
// modification time, the best the file can tell.

import { closeSync, fstatSync, openSync, readSync } from "node:fs";

export const maxLogBytes = 2 * 1024 * 1024;

export interface LogLineData {
  readonly timestamp: string;
  readonly line: string;
}

const stamped = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) (.*)$/;

export function readLogLines(
  path: string,
  options: { sinceTime?: string; tailLines?: number } = {},
): LogLineData[] {
  const fd = openSync(path, "r");
  let text: string;
  let mtime: string;
  try {
    const stat = fstatSync(fd);
    mtime = stat.mtime.toISOString();
    const size = Math.min(stat.size, maxLogBytes);
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    text = buffer.subarray(0, read).toString("utf8");
  } finally {
    closeSync(fd);
  }
  const raw = text.split("\n");
  if (raw[raw.length - 1] === "") raw.pop();
  let lines = raw.map((l) => {
    const m = stamped.exec(l);
    return m ? { timestamp: m[1]!, line: m[2]! } : { timestamp: mtime, line: l };
  });
  if (options.sinceTime) {
    const since = Date.parse(options.sinceTime);
    if (!Number.isNaN(since)) lines = lines.filter((l) => Date.parse(l.timestamp) > since);
  }
  if (options.tailLines !== undefined && options.tailLines >= 0)
    lines = lines.slice(Math.max(0, lines.length - options.tailLines));
  return lines;
}
