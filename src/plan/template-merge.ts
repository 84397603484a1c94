// How a template (the user's JobSubmitRequestItem YAML) and the planned item combine. The planned
// values, from the command line and configuration, are merged OVER the template:
// - objects (maps such as labels, annotations, nodeSelector, resources) merge key by key;
// - a scalar the plan sets wins; anything the plan does not set is kept from the template verbatim;
// - lists of named things merge by their key (`containers`, `initContainers`, `volumes`, `env`,
//   `imagePullSecrets` by `name`; container `ports` by `containerPort`; `volumeMounts` by
//   `mountPath`): same-key
//   entries merge recursively, the plan's entries come first, the template's others follow;
// - `tolerations`, `envFrom`, `services` and `ingress` are concatenated, the plan's first (so the
//   driver's own service stays service-0, the name executors are given);
// - `podSpecs` merge element by element; any other list the plan sets replaces the template's.
import type { Json, JsonObject } from "./model.js";

const mergeKeyOfList: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  volumes: "name",
  env: "name",
  ports: "containerPort",
  imagePullSecrets: "name",
  volumeMounts: "mountPath",
};

const concatenatedLists = new Set(["tolerations", "envFrom", "services", "ingress"]);

export function isJsonObject(v: Json | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The template with the planned values merged over it (see the rules above). */
export function mergeOverTemplate(template: JsonObject, planned: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(planned)) {
    const base = template[key];
    out[key] = base === undefined ? value : mergeValue(key, base, value);
  }
  for (const [key, value] of Object.entries(template)) {
    if (!(key in out)) out[key] = value;
  }
  return out;
}

function mergeValue(key: string, base: Json, over: Json): Json {
  if (isJsonObject(base) && isJsonObject(over)) return mergeOverTemplate(base, over);
  if (Array.isArray(base) && Array.isArray(over)) return mergeList(key, base, over);
  return over;
}

function mergeList(key: string, base: Json[], over: Json[]): Json[] {
  if (concatenatedLists.has(key)) return [...over, ...base];
  if (key === "podSpecs") {
    const length = Math.max(base.length, over.length);
    return Array.from({ length }, (_, i) => {
      const b = base[i];
      const o = over[i];
      if (b === undefined) return o!;
      if (o === undefined) return b;
      return mergeValue("podSpec", b, o);
    });
  }
  const mergeKey = mergeKeyOfList[key];
  if (mergeKey !== undefined && [...base, ...over].every((e) => isJsonObject(e) && isListKey(e[mergeKey]))) {
    const keyOf = (e: Json) => String((e as JsonObject)[mergeKey]);
    const baseByKey = new Map(base.map((e) => [keyOf(e), e]));
    const merged = over.map((o) => {
      const b = baseByKey.get(keyOf(o));
      return b === undefined ? o : mergeValue(key, b, o);
    });
    const plannedKeys = new Set(over.map(keyOf));
    return [...merged, ...base.filter((b) => !plannedKeys.has(keyOf(b)))];
  }
  return over;
}

function isListKey(v: Json | undefined): boolean {
  return typeof v === "string" || typeof v === "number";
}
