// A small YAML emitter for plain JSON data (the plan), block style, two-space indents. Much faster
// than a general YAML library on large plans (1000 executors) and needs no import at startup.
// Strings stay plain only when a YAML 1.1 or 1.2 reader cannot take them for anything else.
import type { Json } from "./model.js";

export function toYaml(value: Json): string {
  try {
    if (isCollection(value) && !isEmpty(value)) return block(value, 0);
    return scalar(value) + "\n";
  } finally {
    seen = new WeakSet();
    rendered = new WeakMap();
  }
}

function isCollection(v: Json): v is Json[] | { [k: string]: Json } {
  return typeof v === "object" && v !== null;
}

function isEmpty(v: Json[] | { [k: string]: Json }): boolean {
  if (Array.isArray(v)) return v.length === 0;
  for (const _ in v) return false;
  return true;
}

// Plans share sub-objects between executor items (resources, the init container, JVM options):
// a collection met a second time at the same indent reuses its rendering.
let seen = new WeakSet<object>();
let rendered = new WeakMap<object, { indent: number; text: string }>();

/** A non-empty collection whose first line continues the current one (already indented). */
function block(v: Json[] | { [k: string]: Json }, indent: number): string {
  const cached = rendered.get(v);
  if (cached !== undefined && cached.indent === indent) return cached.text;
  if (!seen.has(v)) {
    seen.add(v);
    return render(v, indent);
  }
  const text = render(v, indent);
  rendered.set(v, { indent, text });
  return text;
}

function render(v: Json[] | { [k: string]: Json }, indent: number): string {
  const pad = padding(indent);
  const inner = indent + 2;
  let out = "";
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const item = v[i]!;
      out += i === 0 ? "- " : pad + "- ";
      out += isCollection(item) && !isEmpty(item) ? block(item, inner) : scalar(item) + "\n";
    }
    return out;
  }
  let first = true;
  for (const key in v) {
    const child = v[key]!;
    if (!first) out += pad;
    first = false;
    out +=
      isCollection(child) && !isEmpty(child)
        ? scalar(key) + ":\n" + padding(inner) + block(child, inner)
        : scalar(key) + ": " + scalar(child) + "\n";
  }
  return out;
}

function scalar(v: Json): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : JSON.stringify(String(v));
  if (Array.isArray(v)) return "[]";
  if (typeof v === "object") return "{}";
  // Plans repeat the same strings for every executor: decide each one once.
  let text = scalarCache.get(v);
  if (text === undefined) {
    text = isPlainSafe(v) ? v : JSON.stringify(v);
    if (scalarCache.size < 100_000) scalarCache.set(v, text);
  }
  return text;
}

const scalarCache = new Map<string, string>();
const pads: string[] = [];

function padding(indent: number): string {
  return (pads[indent] ??= " ".repeat(indent));
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
