// Kubernetes writes a few types differently from the protobuf JSON mapping: a Quantity is a
// plain string ("500m"), an IntOrString a plain number or string, a meta/v1 Time an RFC 3339
// string. Plans (contract B) use Kubernetes' way; these two functions convert, guided by the
// message descriptors, so every other field passes through untouched.
import type { DescField, DescMessage, JsonObject, JsonValue } from "@bufbuild/protobuf";

const quantity = "k8s.io.apimachinery.pkg.api.resource.Quantity";
const intOrString = "k8s.io.apimachinery.pkg.util.intstr.IntOrString";
const time = "k8s.io.apimachinery.pkg.apis.meta.v1.Time";

type Leaf = (value: JsonValue) => JsonValue;

function fieldMessage(field: DescField): DescMessage | undefined {
  switch (field.fieldKind) {
    case "message":
      return field.message;
    case "list":
      return field.listKind === "message" ? field.message : undefined;
    case "map":
      return field.mapKind === "message" ? field.message : undefined;
    default:
      return undefined;
  }
}

function walk(
  desc: DescMessage,
  json: JsonValue,
  convert: (typeName: string, v: JsonValue) => JsonValue,
): JsonValue {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return json;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(json)) {
    const field = desc.fields.find((f) => f.jsonName === key || f.name === key);
    const message = field ? fieldMessage(field) : undefined;
    if (field === undefined || message === undefined || value === null) {
      out[key] = value;
      continue;
    }
    const one: Leaf = (v) => {
      const converted = convert(message.typeName, v);
      return converted !== v ? converted : walk(message, v, convert);
    };
    if (field.fieldKind === "list" && Array.isArray(value)) out[key] = value.map(one);
    else if (field.fieldKind === "map" && typeof value === "object" && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, one(v)]));
    } else out[key] = one(value);
  }
  return out;
}

/** Kubernetes-style JSON (quantities as strings, ...) to the protobuf JSON `fromJson` reads. */
export function kubernetesToProtoJson(desc: DescMessage, json: JsonValue): JsonValue {
  return walk(desc, json, (typeName, v) => {
    if (typeName === quantity && typeof v === "string") return { string: v };
    if (typeName === intOrString && typeof v === "number") return { type: "0", intVal: v };
    if (typeName === intOrString && typeof v === "string") return { type: "1", strVal: v };
    if (typeName === time && typeof v === "string") {
      const ms = Date.parse(v);
      if (Number.isNaN(ms)) throw new Error(`"${v}" is not an RFC 3339 time`);
      return { seconds: String(Math.floor(ms / 1000)) };
    }
    return v;
  });
}

/** Protobuf JSON (`toJson`) to Kubernetes-style JSON, e.g. for display or a pod runtime. */
export function protoToKubernetesJson(desc: DescMessage, json: JsonValue): JsonValue {
  return walk(desc, json, (typeName, v) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    if (typeName === quantity) return v["string"] ?? "";
    if (typeName === intOrString)
      return String(v["type"] ?? "0") === "1" ? (v["strVal"] ?? "") : (v["intVal"] ?? 0);
    if (typeName === time)
      return new Date(Number(v["seconds"] ?? 0) * 1000).toISOString().replace(".000Z", "Z");
    return v;
  });
}
