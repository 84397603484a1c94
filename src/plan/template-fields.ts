// Checks a template against the Armada and Kubernetes message definitions it will be sent as, so
// no template field is silently dropped on the way to Armada: a field that is not in the .proto
// files is an error naming it and the file. Also normalizes what YAML makes ambiguous: field names
// become their JSON names (`pod_specs` -> `podSpecs`) and numeric quantities become strings.
import { ScalarType, type DescField, type DescMessage } from "@bufbuild/protobuf";
import type { Json, JsonObject } from "./model.js";
import { TemplateError } from "./template-error.js";

const quantityType = "k8s.io.apimachinery.pkg.api.resource.Quantity";
const intOrStringType = "k8s.io.apimachinery.pkg.util.intstr.IntOrString";

/** The template as JSON with canonical field names; throws TemplateError for unknown fields. */
export function checkTemplate(value: unknown, schema: DescMessage, file: string): JsonObject {
  return checkMessage(value, schema, file, "");
}

function checkMessage(value: unknown, schema: DescMessage, file: string, path: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TemplateError(`${file}: ${path || "the template"} must be a mapping (${schema.name})`);
  }
  const out: JsonObject = {};
  // Kubernetes YAML inlines some embedded structs (a Volume's `emptyDir`, a Probe's `httpGet`)
  // that the .proto files keep as a field (`volumeSource`, `handler`): regroup them.
  const inlined = new Map<DescField, Record<string, unknown>>();
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const here = path ? `${path}.${key}` : key;
    const field = fieldNamed(schema, key);
    if (field) {
      if (v === null || v === undefined) continue;
      out[field.jsonName] = checkField(v, field, file, here);
      continue;
    }
    const embedding = embeddingField(schema, key);
    if (!embedding) {
      throw new TemplateError(
        `${file}: unknown field "${here}" (not a field of ${schema.typeName}; ` +
          `a field Armada does not know would be dropped, so it is refused)`,
      );
    }
    inlined.set(embedding, { ...inlined.get(embedding), [key]: v });
  }
  for (const [field, v] of inlined) {
    if (field.fieldKind !== "message") continue;
    const existing = out[field.jsonName];
    const checked = checkMessage(v, field.message, file, path);
    out[field.jsonName] =
      typeof existing === "object" && existing !== null ? { ...existing, ...checked } : checked;
  }
  return out;
}

function fieldNamed(schema: DescMessage, key: string): DescField | undefined {
  return schema.fields.find((f) => f.jsonName === key || f.name === key);
}

/** The one singular Kubernetes message field whose message has `key`, if exactly one does. */
function embeddingField(schema: DescMessage, key: string): DescField | undefined {
  if (!schema.typeName.startsWith("k8s.io.")) return undefined;
  const candidates = schema.fields.filter(
    (f) => f.fieldKind === "message" && fieldNamed(f.message, key) !== undefined,
  );
  return candidates.length === 1 ? candidates[0] : undefined;
}

function checkField(value: unknown, field: DescField, file: string, path: string): Json {
  switch (field.fieldKind) {
    case "message":
      return checkMessageValue(value, field.message, file, path);
    case "list": {
      if (!Array.isArray(value)) throw new TemplateError(`${file}: ${path} must be a list`);
      return value.map((e, i) =>
        field.listKind === "message"
          ? checkMessageValue(e, field.message, file, `${path}[${i}]`)
          : checkScalar(e, file, `${path}[${i}]`),
      );
    }
    case "map": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new TemplateError(`${file}: ${path} must be a mapping`);
      }
      const out: JsonObject = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        out[k] =
          field.mapKind === "message"
            ? checkMessageValue(v, field.message, file, `${path}.${k}`)
            : field.mapKind === "scalar" && field.scalar === ScalarType.STRING
              ? stringValue(v, file, `${path}.${k}`)
              : checkScalar(v, file, `${path}.${k}`);
      }
      return out;
    }
    default:
      return checkScalar(value, file, path);
  }
}

function checkMessageValue(value: unknown, schema: DescMessage, file: string, path: string): Json {
  if (schema.typeName === quantityType) {
    if (typeof value === "number" || typeof value === "string") return String(value);
  }
  if (schema.typeName === intOrStringType && (typeof value === "number" || typeof value === "string")) {
    return value;
  }
  return checkMessage(value, schema, file, path);
}

function checkScalar(value: unknown, file: string, path: string): Json {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  throw new TemplateError(
    `${file}: ${path} must be a single value, not ${Array.isArray(value) ? "a list" : "a mapping"}`,
  );
}

/** Label and annotation values are strings; YAML turns `true` or `1` into other types. */
function stringValue(value: unknown, file: string, path: string): Json {
  const v = checkScalar(value, file, path);
  return typeof v === "string" ? v : String(v);
}
