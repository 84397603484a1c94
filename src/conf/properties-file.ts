// Java properties-file syntax (java.util.Properties.load) as Spark reads spark-defaults.conf and
// --properties-file: `key=value`, `key: value`, `key value`; `#`/`!` comment lines; a line ending in
// an odd number of backslashes continues on the next (leading blanks skipped); escapes \t \n \r \f
// \uXXXX and `\x` -> `x`. Spark then trims every value. Each entry keeps the line it starts on.
import { UsageError } from "./errors.js";

export interface PropertyLine {
  readonly key: string;
  readonly value: string;
  readonly line: number; // 1-based line of the logical line's start
}

const blank = new Set([" ", "\t", "\f"]);

/** Splits text into logical lines (continuations joined) with their starting line numbers. */
function logicalLines(text: string): Array<{ text: string; line: number }> {
  const natural = text.split(/\r\n|\r|\n/);
  const out: Array<{ text: string; line: number }> = [];
  let current: { text: string; line: number } | undefined;
  for (let i = 0; i < natural.length; i++) {
    let line = natural[i]!;
    let start = 0;
    while (start < line.length && blank.has(line[start]!)) start++;
    line = line.slice(start);
    if (current === undefined) {
      if (line.length === 0 || line[0] === "#" || line[0] === "!") continue;
      current = { text: "", line: i + 1 };
    }
    let slashes = 0;
    for (let j = line.length - 1; j >= 0 && line[j] === "\\"; j--) slashes++;
    if (slashes % 2 === 1) {
      current.text += line.slice(0, -1);
      continue; // continued on the next natural line (or dropped at end of file)
    }
    current.text += line;
    out.push(current);
    current = undefined;
  }
  if (current !== undefined) out.push(current);
  return out;
}

/** Unescapes a key or value; `where` names the file and line for a malformed \u escape. */
function unescape(s: string, where: string): string {
  if (!s.includes("\\")) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== "\\" || i === s.length - 1) {
      if (c !== "\\") out += c;
      continue;
    }
    const n = s[++i]!;
    if (n === "u") {
      const hex = s.slice(i + 1, i + 5);
      if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw new UsageError(`${where}: malformed \\uxxxx escape`);
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else {
      out += n === "t" ? "\t" : n === "n" ? "\n" : n === "r" ? "\r" : n === "f" ? "\f" : n;
    }
  }
  return out;
}

/** Parses a properties file's text. `path` is only used in error messages. Later duplicates are kept (last wins when applied). */
export function parseProperties(text: string, path: string): PropertyLine[] {
  const entries: PropertyLine[] = [];
  for (const { text: l, line } of logicalLines(text.replace(/^\uFEFF/, ""))) {
    // The key ends at the first unescaped '=', ':' or blank.
    let end = 0;
    while (end < l.length) {
      const c = l[end]!;
      if (c === "\\") {
        end += 2;
        continue;
      }
      if (c === "=" || c === ":" || blank.has(c)) break;
      end++;
    }
    end = Math.min(end, l.length);
    let v = end;
    while (v < l.length && blank.has(l[v]!)) v++;
    if (v < l.length && (l[v] === "=" || l[v] === ":")) v++;
    while (v < l.length && blank.has(l[v]!)) v++;
    const where = `${path}:${line}`;
    entries.push({ key: unescape(l.slice(0, end), where), value: unescape(l.slice(v), where).trim(), line });
  }
  return entries;
}
