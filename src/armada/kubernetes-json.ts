// Kubernetes' JSON differs from the protobuf JSON mapping of its own .proto types in two ways:
// a Quantity is a plain string ("500m"), an IntOrString a plain number or string, a meta/v1 Time
// an RFC 3339 string; and some embedded structs are inlined (a Volume's `emptyDir` sits beside
// its `name`, where protobuf nests it under `volumeSource`). Plans (contract B) may use either
// shape; these functions convert, guided by the descriptors, leaving everything else untouched.
import type { DescField, DescMessage, JsonObject, JsonValue } from "@bufbuild/protobuf";

const quantity = "k8s.io.apimachinery.pkg.api.resource.Quantity";
const intOrString = "k8s.io.apimachinery.pkg.util.intstr.IntOrString";
const time = "k8s.io.apimachinery.pkg.apis.meta.v1.Time";

type Leaf = (value: JsonValue) => JsonValue;

/** Go structs embedded with `json:",inline"`: message type -> the protobuf field that holds them. */
const inlined: Readonly<Record<string, string>> = {
  "k8s.io.api.core.v1.Volume": "volumeSource",
  "k8s.io.api.core.v1.Probe": "handler",
  "k8s.io.api.core.v1.EphemeralContainer": "ephemeralContainerCommon",
  "k8s.io.api.networking.v1.IngressRule": "ingressRuleValue",
};

/** Moves the keys of an inlined struct under its field (Kubernetes -> protobuf shape). */
function nestInlined(desc: DescMessage, json: JsonObject): JsonObject {
  const holderName = inlined[desc.typeName];
  const holder = holderName === undefined ? undefined : desc.fields.find((f) => f.jsonName === holderName);
  const inner = holder?.message;
  if (holder === undefined || inner === undefined) return json;
  const own = new Set(desc.fields.flatMap((f) => [f.jsonName, f.name]));
  const innerNames = new Set(inner.fields.flatMap((f) => [f.jsonName, f.name]));
  const moved = Object.entries(json).filter(([k]) => !own.has(k) && innerNames.has(k));
  if (moved.length === 0) return json;
  const existing = json[holder.jsonName];
  const nested: JsonObject = {
    ...(existing !== null && typeof existing === "object" && !Array.isArray(existing) ? existing : {}),
    ...Object.fromEntries(moved),
  };
  const rest = Object.fromEntries(Object.entries(json).filter(([k]) => !innerNames.has(k) || own.has(k)));
  return { ...rest, [holder.jsonName]: nested };
}

/** Spreads an inlined struct's field into its parent (protobuf -> Kubernetes shape). */
function flattenInlined(desc: DescMessage, json: JsonObject): JsonObject {
  const holderName = inlined[desc.typeName];
  const value = holderName === undefined ? undefined : json[holderName];
  if (holderName === undefined || value === null || typeof value !== "object" || Array.isArray(value))
    return json;
  const { [holderName]: _held, ...rest } = json;
  return { ...rest, ...value };
}

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
  input: JsonValue,
  convert: (typeName: string, v: JsonValue) => JsonValue,
  toProto: boolean,
): JsonValue {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return input;
  const json = toProto ? nestInlined(desc, input) : input;
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
      return converted !== v ? converted : walk(message, v, convert, toProto);
    };
    if (field.fieldKind === "list" && Array.isArray(value)) out[key] = value.map(one);
    else if (field.fieldKind === "map" && typeof value === "object" && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, one(v)]));
    } else out[key] = one(value);
  }
  return toProto ? out : flattenInlined(desc, out);
}

/** Kubernetes-style JSON (quantities as strings, ...) to the protobuf JSON `fromJson` reads. */
export function kubernetesToProtoJson(desc: DescMessage, json: JsonValue): JsonValue {
  return walk(
    desc,
    json,
    (typeName, v) => {
      if (typeName === quantity && typeof v === "string") return { string: v };
      if (typeName === intOrString && typeof v === "number") return { type: "0", intVal: v };
      if (typeName === intOrString && typeof v === "string") return { type: "1", strVal: v };
      if (typeName === time && typeof v === "string") {
        const ms = Date.parse(v);
        if (Number.isNaN(ms)) throw new Error(`"${v}" is not an RFC 3339 time`);
        return { seconds: String(Math.floor(ms / 1000)) };
      }
      return v;
    },
    true,
  );
}

/** Protobuf JSON (`toJson`) to Kubernetes-style JSON, e.g. for display or a pod runtime. */
export function protoToKubernetesJson(desc: DescMessage, json: JsonValue): JsonValue {
  return walk(
    desc,
    json,
    (typeName, v) => {
      if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
      if (typeName === quantity) return v["string"] ?? "";
      if (typeName === intOrString)
        return String(v["type"] ?? "0") === "1" ? (v["strVal"] ?? "") : (v["intVal"] ?? 0);
      if (typeName === time)
        return new Date(Number(v["seconds"] ?? 0) * 1000).toISOString().replace(".000Z", "Z");
      return v;
    },
    false,
  );
}
