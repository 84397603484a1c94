// Our .proto files against the official armada-client package's descriptors (an independent
// reference): every type we define must match field by field, and nothing reachable from PodSpec
// or from Armada's messages may be missing.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ourDescriptorSet, runPython } from "./support/wire-python.js";

interface FieldFacts {
  name: string;
  number: number;
  type: string;
  label: string;
  typeName: string;
  oneof: string | null;
  proto3Optional: boolean;
  deprecated: boolean;
}
type TypeFacts =
  | { kind: "message"; file: string; syntax: string; mapEntry: boolean; fields: FieldFacts[] }
  | { kind: "enum"; file: string; values: Record<string, number> }
  | { kind: "service"; file: string; methods: Record<string, unknown> };
type Schema = Record<string, TypeFacts>;

let official: Schema;
let ours: Schema;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "wire-schema-"));
  const setPath = join(dir, "ours.binpb");
  writeFileSync(setPath, ourDescriptorSet());
  const dumped = JSON.parse(await runPython("armada_schema.py", [setPath])) as {
    official: Schema;
    ours: Schema;
  };
  official = dumped.official;
  ours = dumped.ours;
});
after(() => rmSync(dir, { recursive: true, force: true }));

const isWellKnown = (name: string): boolean => name.startsWith("google.protobuf.");

/** Every difference between our definition of `name` and the official one, as readable lines. */
function differences(name: string, mine: TypeFacts, theirs: TypeFacts | undefined): string[] {
  if (theirs === undefined) return [`${name}: not in the official package`];
  if (mine.kind !== theirs.kind) return [`${name}: ${mine.kind} here, ${theirs.kind} officially`];
  const out: string[] = [];
  if (mine.kind === "message" && theirs.kind === "message") {
    if (mine.syntax !== theirs.syntax)
      out.push(`${name}: syntax ${mine.syntax}, officially ${theirs.syntax}`);
    if (mine.mapEntry !== theirs.mapEntry)
      out.push(`${name}: map entry ${mine.mapEntry}, officially ${theirs.mapEntry}`);
    const byNumber = new Map(mine.fields.map((f) => [f.number, f]));
    for (const t of theirs.fields) {
      const m = byNumber.get(t.number);
      if (m === undefined) {
        out.push(`${name}.${t.name} (${t.number}): missing`);
        continue;
      }
      for (const k of [
        "name",
        "type",
        "label",
        "typeName",
        "oneof",
        "proto3Optional",
        "deprecated",
      ] as const) {
        if (m[k] !== t[k])
          out.push(`${name}.${t.name} (${t.number}): ${k} ${String(m[k])}, officially ${String(t[k])}`);
      }
      byNumber.delete(t.number);
    }
    for (const m of byNumber.values())
      out.push(`${name}.${m.name} (${m.number}): not in the official message`);
  } else if (mine.kind === "enum" && theirs.kind === "enum") {
    const a = JSON.stringify(Object.entries(mine.values).sort());
    const b = JSON.stringify(Object.entries(theirs.values).sort());
    if (a !== b) out.push(`${name}: values ${a}, officially ${b}`);
  } else if (mine.kind === "service" && theirs.kind === "service") {
    for (const method of new Set([...Object.keys(mine.methods), ...Object.keys(theirs.methods)])) {
      const a = JSON.stringify(mine.methods[method] ?? null);
      const b = JSON.stringify(theirs.methods[method] ?? null);
      if (a !== b) out.push(`${name}.${method}: ${a}, officially ${b}`);
    }
  }
  return out;
}

/** Official fields (as Type.field) reachable from `roots` that our schema lacks. */
function missingFromClosure(roots: readonly string[]): string[] {
  const missing: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name) || isWellKnown(name)) return;
    seen.add(name);
    const theirs = official[name];
    assert.ok(theirs, `official package lacks ${name}`);
    const mine = ours[name];
    if (mine === undefined) {
      missing.push(`${name} (whole type)`);
    } else if (theirs.kind === "message" && mine.kind === "message") {
      const have = new Set(mine.fields.map((f) => f.number));
      for (const f of theirs.fields) if (!have.has(f.number)) missing.push(`${name}.${f.name}`);
    }
    if (theirs.kind === "message") for (const f of theirs.fields) if (f.typeName) visit(f.typeName);
  };
  roots.forEach(visit);
  return missing;
}

describe("our protos match the official armada-client descriptors", () => {
  test("every message, enum and service we define matches field by field", () => {
    const names = Object.keys(ours).filter((n) => !isWellKnown(n));
    assert.ok(names.length > 150, `expected the full closure, found only ${names.length} types`);
    const diffs = names.flatMap((n) => differences(n, ours[n]!, official[n]));
    assert.deepEqual(diffs, []);
  });

  test("no field of the official PodSpec closure is missing from ours", () => {
    assert.deepEqual(missingFromClosure(["k8s.io.api.core.v1.PodSpec"]), []);
  });

  test("every type reachable from the Armada messages we define is defined here", () => {
    const armadaTypes = Object.keys(ours).filter((n) => n.startsWith("api.") || n.startsWith("binoculars."));
    assert.deepEqual(missingFromClosure(armadaTypes.filter((n) => ours[n]!.kind === "message")), []);
  });

  test("the Armada services we use are all defined with every official method", () => {
    for (const s of ["api.Submit", "api.QueueService", "api.Event", "api.Jobs", "binoculars.Binoculars"]) {
      assert.equal(ours[s]?.kind, "service", `${s} is not defined`);
      assert.deepEqual(differences(s, ours[s]!, official[s]), []);
    }
  });

  test("Kubernetes files are proto2 and Armada files proto3, as published", () => {
    const syntaxOf = (n: string): string | undefined => {
      const t = ours[n];
      return t?.kind === "message" ? t.syntax : undefined;
    };
    assert.equal(syntaxOf("k8s.io.api.core.v1.PodSpec"), "proto2");
    assert.equal(syntaxOf("k8s.io.apimachinery.pkg.api.resource.Quantity"), "proto2");
    assert.equal(syntaxOf("api.JobSubmitRequest"), "proto3");
  });
});
