// A small YAML emitter for plain JSON data (the plan), block style, two-space indents. Much faster
// than a general YAML library on large plans (1000 executors) and needs no import at startup.
// Strings stay plain only when a YAML 1.1 or 1.2 reader cannot take them for anything else.
import type { Json } from "./model.js";

export function toYaml(value: Json): string {
  const out: string[] = [];
  if (isCollection(value) && !isEmpty(value)) emitBlock(value, 0, out);
  else out.push(scalar(value), "\n");
  return out.join("");
}

function isCollection(v: Json): v is Json[] | { [k: string]: Json } {
  return typeof v === "object" && v !== null;
}

function isEmpty(v: Json[] | { [k: string]: Json }): boolean {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
}

/** Writes a non-empty collection whose first line starts at the current position (already indented). */
function emitBlock(v: Json[] | { [k: string]: Json }, indent: number, out: string[]): void {
  const pad = " ".repeat(indent);
  let first = true;
  if (Array.isArray(v)) {
    for (const item of v) {
      out.push(first ? "- " : `${pad}- `);
      first = false;
      if (isCollection(item) && !isEmpty(item)) emitBlock(item, indent + 2, out);
      else out.push(scalar(item), "\n");
    }
    return;
  }
  for (const key in v) {
    const child = v[key]!;
    out.push(first ? "" : pad, scalar(key), ":");
    first = false;
    if (isCollection(child) && !isEmpty(child)) {
      out.push("\n", " ".repeat(indent + 2));
      emitBlock(child, indent + 2, out);
    } else {
      out.push(" ", scalar(child), "\n");
    }
  }
}

function scalar(v: Json): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : JSON.stringify(String(v));
  if (Array.isArray(v)) return "[]";
  if (typeof v === "object") return "{}";
  return isPlainSafe(v) ? v : JSON.stringify(v);
}

// Printable ASCII only; no leading indicator character (a leading '-' only before a non-space).
const plainChars = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const leadingIndicator = /^[?:,[\]{}#&*!|>'"%@`]|^-(?: |$)/;
// Values a YAML 1.1 reader would take as a boolean, null, number, date or sexagesimal.
const specialWord = /^(?:y|n|yes|no|on|off|true|false|null|~)$/i;
const numberLike =
  /^[-+]?(?:[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?$|^[-+]?0[xob][0-9a-f_]+$|^[-+]?\.(?:inf|nan)$|^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/i;

function isPlainSafe(s: string): boolean {
  return (
    plainChars.test(s) &&
    !leadingIndicator.test(s) &&
    !s.includes(": ") &&
    !s.includes(" #") &&
    !s.endsWith(":") &&
    !specialWord.test(s) &&
    !numberLike.test(s)
  );
}
