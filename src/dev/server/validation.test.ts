import assert from "node:assert/strict";
import { test } from "node:test";
import {
  defaultSubmissionRules,
  validateReason,
  validateSubmitRequest,
  type ContainerLike,
  type PodSpecLike,
  type SubmitItemLike,
} from "./validation.js";

const q = (s: string) => ({ string: s });

function container(
  name: string,
  requests: Record<string, string>,
  limits = requests,
  ports: number[] = [],
): ContainerLike {
  const map = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, q(v)]));
  return {
    name,
    resources: { requests: map(requests), limits: map(limits) },
    ports: ports.map((containerPort) => ({ containerPort })),
  };
}

function item(overrides: Partial<SubmitItemLike> = {}, spec: Partial<PodSpecLike> = {}): SubmitItemLike {
  return {
    priority: 0,
    namespace: "default",
    clientId: "",
    annotations: {},
    podSpecs: [{ containers: [container("main", { cpu: "1", memory: "1Gi" })], initContainers: [], ...spec }],
    ingress: [],
    ...overrides,
  };
}

function check(items: SubmitItemLike[], queue = "q", jobSetId = "set"): string | undefined {
  return validateSubmitRequest(
    { queue, jobSetId, jobRequestItems: items },
    defaultSubmissionRules,
    () => 100,
  );
}

test("a well-formed request passes", () => {
  assert.equal(check([item()]), undefined);
});

test("queue and job set id are required; job set ids are bounded", () => {
  assert.equal(check([item()], ""), "queue is a required field");
  assert.equal(check([item()], "q", ""), "job set id is a required field");
  assert.match(
    check([item()], "q", "x".repeat(1024))!,
    /job set id of length 1024 must be less than max character length 1024/,
  );
});

test("namespace is required and exactly one pod spec", () => {
  assert.equal(check([item({ namespace: "" })]), "namespace is a required field");
  assert.equal(check([item({ podSpecs: [] })]), "Job must contain at least one PodSpec");
  const spec = item().podSpecs[0]!;
  assert.equal(check([item({ podSpecs: [spec, spec] })]), "Jobs with multiple pods are not supported");
  assert.match(check([item({ podSpec: spec })])!, /PodSpec must be nil if PodSpecs is provided/);
});

test("pod specs larger than 65535 bytes are rejected", () => {
  const error = validateSubmitRequest(
    { queue: "q", jobSetId: "s", jobRequestItems: [item()] },
    defaultSubmissionRules,
    () => 70000,
  );
  assert.match(error!, /size of 70000 bytes which is greater than the maximum allowed size of 65535/);
});

test("requests must equal limits, with the same resources in both", () => {
  const spec = (c: ContainerLike) => ({ containers: [c] });
  assert.match(
    check([item({}, spec(container("c", { cpu: "1" }, { cpu: "2" })))])!,
    /container c defines cpu with limits great than 1.00\*requests/,
  );
  assert.match(
    check([item({}, spec(container("c", { cpu: "2" }, { cpu: "1" })))])!,
    /limits smaller than requests/,
  );
  assert.match(
    check([item({}, spec(container("c", { cpu: "1" }, { cpu: "1", memory: "1Gi" })))])!,
    /defines different resources/,
  );
  assert.match(
    check([item({}, spec(container("c", { cpu: "1" }, { memory: "1" })))])!,
    /defines cpu for requests but not limits/,
  );
  assert.match(check([item({}, spec(container("c", {}, {})))])!, /container c has no resources specified/);
  assert.equal(check([item({}, spec(container("c", { cpu: "1000m" }, { cpu: "1" })))]), undefined);
});

test("memory below 1Mi is rejected", () => {
  assert.match(
    check([item({}, { containers: [container("c", { memory: "1000" })] })])!,
    /memory requests \(1000\) below server minimum \(1Mi\)/,
  );
});

test("init containers must request fractional cpu", () => {
  const init = container("wait", { cpu: "1", memory: "128Mi" });
  assert.match(
    check([item({}, { initContainers: [init] })])!,
    /Init container wait contains invalid cpu value 1\..*fractional cpu e\.g\. 900m/,
  );
  assert.equal(
    check([item({}, { initContainers: [container("wait", { cpu: "100m", memory: "128Mi" })] })]),
    undefined,
  );
});

test("only Armada's priority classes are allowed", () => {
  assert.equal(check([item({}, { priorityClassName: "armada-preemptible" })]), undefined);
  assert.equal(check([item({}, { priorityClassName: "vip" })]), "priority class vip is not supported");
});

test("termination grace period must be unset, 0 or within [1s, 5m]", () => {
  assert.equal(check([item({}, { terminationGracePeriodSeconds: 0n })]), undefined);
  assert.equal(check([item({}, { terminationGracePeriodSeconds: 300n })]), undefined);
  assert.match(
    check([item({}, { terminationGracePeriodSeconds: 301n })])!,
    /terminationGracePeriodSeconds of 301 must be \[1000000000, 300000000000\], or omitted/,
  );
});

test("a container port may be exposed only once across containers", () => {
  const spec = {
    containers: [
      container("a", { cpu: "1" }, { cpu: "1" }, [7078]),
      container("b", { cpu: "1" }, { cpu: "1" }, [7078]),
    ],
  };
  assert.match(
    check([item({}, spec)])!,
    /container port 7078 is exposed multiple times, specified in containers "a" and "b"/,
  );
});

test("ingress configs need ports and may not share them", () => {
  assert.match(check([item({ ingress: [{ ports: [] }] })])!, /ingress contains zero ports/);
  assert.match(
    check([item({ ingress: [{ ports: [80] }, { ports: [80] }] })])!,
    /port 80 has two ingress configurations/,
  );
});

test("preferredDuringScheduling node affinity is not supported", () => {
  const spec = { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{}] } } };
  assert.equal(
    check([item({}, spec)]),
    "preferredDuringSchedulingIgnoredDuringExecution node affinity is not supported by Armada",
  );
});

test("client ids are at most 100 characters", () => {
  assert.match(
    check([item({ clientId: "x".repeat(101) })])!,
    /client id of length 101 is greater than max allowed length/,
  );
});

test("gang annotations must be valid", () => {
  const gang = (a: Record<string, string>) => item({ annotations: a });
  assert.equal(
    check([gang({ "armadaproject.io/gangId": "" })]),
    "invalid gang information: gang id is empty",
  );
  assert.match(
    check([gang({ "armadaproject.io/gangId": "g" })])!,
    /gang cardinality annotation armadaproject.io\/gangCardinality is missing/,
  );
  assert.match(
    check([gang({ "armadaproject.io/gangId": "g", "armadaproject.io/gangCardinality": "x" })])!,
    /gang cardinality is not parseable/,
  );
  assert.match(
    check([gang({ "armadaproject.io/gangId": "g", "armadaproject.io/gangCardinality": "0" })])!,
    /gang cardinality 0 is non-positive/,
  );
  assert.match(
    check([
      gang({
        "armadaproject.io/gangId": "g",
        "armadaproject.io/gangCardinality": "2",
        "armadaproject.io/failFast": "false",
      }),
    ])!,
    /may not set fail fast flag/,
  );
});

test("members of one gang in a request must agree on cardinality and uniformity label", () => {
  const member = (card: string, label = "") =>
    item({
      annotations: {
        "armadaproject.io/gangId": "g",
        "armadaproject.io/gangCardinality": card,
        ...(label ? { "armadaproject.io/gangNodeUniformityLabel": label } : {}),
      },
    });
  assert.match(
    check([member("2"), member("3")])!,
    /inconsistent gang cardinality in gang g: expected 2 but got 3/,
  );
  assert.match(
    check([member("2", "a"), member("2", "b")])!,
    /inconsistent nodeUniformityLabel in gang g: expected a but got b/,
  );
  assert.equal(check([member("2", "a"), member("2", "a")]), undefined);
});

test("gang rules come before job set and item rules, as in Armada", () => {
  assert.match(
    check([item({ namespace: "", annotations: { "armadaproject.io/gangId": "" } })], "q", "")!,
    /invalid gang information/,
  );
});

test("cancel and preempt reasons are limited to 50 bytes", () => {
  assert.equal(validateReason("x".repeat(50)), undefined);
  assert.match(validateReason("x".repeat(51))!, /reason cannot be longer than 50 characters/);
});
