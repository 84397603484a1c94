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
  // that the .proto files keep under a field (`volumeSource`, `handler`): such keys are checked
  // against that field's message and stay inline, as Kubernetes writes them (the client nests them).
  const holder = inlineHolder(schema);
  const inlined: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const here = path ? `${path}.${key}` : key;
    const field = fieldNamed(schema, key);
    if (field) {
      if (v === null || v === undefined) continue;
      out[field.jsonName] = checkField(v, field, file, here);
    } else if (holder !== undefined && fieldNamed(holder, key) !== undefined) {
      inlined[key] = v;
    } else {
      throw new TemplateError(
        `${file}: unknown field "${here}" (not a field of ${schema.typeName}; ` +
          `a field Armada does not know would be dropped, so it is refused)`,
      );
    }
  }
  if (holder !== undefined && Object.keys(inlined).length > 0)
    Object.assign(out, checkMessage(inlined, holder, file, path));
  return out;
}

/** Go structs embedded with `json:",inline"`: message type -> the field whose message is inlined. */
const inlinedFields: Readonly<Record<string, string>> = {
  "k8s.io.api.core.v1.Volume": "volumeSource",
  "k8s.io.api.core.v1.Probe": "handler",
  "k8s.io.api.core.v1.EphemeralContainer": "ephemeralContainerCommon",
  "k8s.io.api.networking.v1.IngressRule": "ingressRuleValue",
};

function inlineHolder(schema: DescMessage): DescMessage | undefined {
  const name = inlinedFields[schema.typeName];
  const field = name === undefined ? undefined : fieldNamed(schema, name);
  return field?.fieldKind === "message" ? field.message : undefined;
}

function fieldNamed(schema: DescMessage, key: string): DescField | undefined {
  return schema.fields.find((f) => f.jsonName === key || f.name === key);
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
