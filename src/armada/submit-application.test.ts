import assert from "node:assert/strict";
import test from "node:test";
import type { JsonValue } from "@bufbuild/protobuf";
import type { JobSubmitRequest, JobSubmitRequestItem, Plan } from "../plan/model.js";
import type { SubmittedJob } from "./client.js";
import { ArmadaError } from "./errors.js";
import { SubmissionFailed, submitApplication, type SubmissionClient } from "./submit-application.js";

function item(role: "driver" | "executor", id = 0): JobSubmitRequestItem {
  return {
    clientId: `${role}-${id}`,
    namespace: "default",
    labels:
      role === "driver"
        ? { "spark-role": "driver" }
        : { "spark-role": "executor", "spark-exec-id": String(id) },
    podSpecs: [{ containers: [{ name: role, image: "spark" }] }],
  };
}

function request(items: JobSubmitRequestItem[]): JobSubmitRequest {
  return { queue: "q", jobSetId: "set", jobRequestItems: items };
}

function twoStep(executors: number): Plan {
  return {
    kind: "two-step",
    driverRequest: request([item("driver")]),
    executorsRequest: (driverJobId) =>
      request(
        Array.from({ length: executors }, (_, i) => ({
          ...item("executor", i + 1),
          clientId: `${driverJobId}-${i}`,
        })),
      ),
    warnings: [],
  } as Plan;
}

/** A fake Armada: answers each SubmitJobs call from a script and records cancels. */
class FakeArmada implements SubmissionClient {
  submitted: JobSubmitRequest[] = [];
  cancelled: string[][] = [];
  private next = 0;
  constructor(
    private readonly answers: ((req: JobSubmitRequest) => SubmittedJob[] | Error)[],
    private readonly cancelFails = false,
  ) {}
  async submitJobsJson(json: JsonValue): Promise<SubmittedJob[]> {
    const req = json as unknown as JobSubmitRequest;
    this.submitted.push(req);
    const answer = this.answers[this.next++]!(req);
    if (answer instanceof Error) throw answer;
    return answer;
  }
  async cancelJobs(req: { jobIds: string[] }): Promise<string[]> {
    if (this.cancelFails) throw new Error("unavailable");
    this.cancelled.push(req.jobIds);
    return req.jobIds;
  }
}

const accept =
  (prefix: string) =>
  (req: JobSubmitRequest): SubmittedJob[] =>
    req.jobRequestItems.map((it, i) => ({ clientId: it.clientId, jobId: `${prefix}${i}`, error: "" }));

test("two-step plan: executors are planned with the driver's job id and all ids come back", async () => {
  const armada = new FakeArmada([accept("drv"), accept("ex")]);
  const app = await submitApplication(twoStep(2), armada);
  assert.deepEqual(app, { queue: "q", jobSetId: "set", driverJobId: "drv0", executorJobIds: ["ex0", "ex1"] });
  assert.equal(armada.submitted[1]?.jobRequestItems[0]?.clientId, "drv0-0");
  assert.deepEqual(armada.cancelled, []);
});

test("executors that cannot be submitted cancel the accepted driver, and the error says so", async () => {
  const armada = new FakeArmada([accept("drv"), () => new ArmadaError("unreachable", "Armada unreachable")]);
  await assert.rejects(submitApplication(twoStep(2), armada), (err: unknown) => {
    assert.ok(err instanceof SubmissionFailed);
    assert.match(err.message, /Armada unreachable; cancelled the 1 job\(s\) already accepted \(drv0\)/);
    assert.deepEqual(err.cancelledJobIds, ["drv0"]);
    return true;
  });
  assert.deepEqual(armada.cancelled, [["drv0"]]);
});

test("an executor refused item by item cancels the driver and the executors that were accepted", async () => {
  const armada = new FakeArmada([
    accept("drv"),
    (req) => [
      { clientId: req.jobRequestItems[0]!.clientId, jobId: "ex0", error: "" },
      { clientId: req.jobRequestItems[1]!.clientId, jobId: "", error: "invalid pod spec" },
    ],
  ]);
  await assert.rejects(submitApplication(twoStep(2), armada), /Armada refused executor 2: invalid pod spec/);
  assert.deepEqual(armada.cancelled, [["drv0", "ex0"]]);
});

test("a chunk failure after earlier chunks were accepted cancels those too", async () => {
  const armada = new FakeArmada([
    accept("drv"),
    () => new ArmadaError("server", "boom", { acceptedJobIds: ["ex0", "ex1"] }),
  ]);
  await assert.rejects(submitApplication(twoStep(300), armada), SubmissionFailed);
  assert.deepEqual(armada.cancelled, [["drv0", "ex0", "ex1"]]);
});

test("when the cancel itself fails, the error names the jobs left and how to kill them", async () => {
  const armada = new FakeArmada([accept("drv"), () => new Error("down")], true);
  await assert.rejects(submitApplication(twoStep(1), armada), (err: unknown) => {
    assert.ok(err instanceof SubmissionFailed);
    assert.deepEqual(err.leftJobIds, ["drv0"]);
    assert.match(err.message, /could NOT cancel .*armada-spark kill set --queue q/);
    return true;
  });
});

test("a refused driver submits nothing else", async () => {
  const armada = new FakeArmada([
    (req) => [{ clientId: req.jobRequestItems[0]!.clientId, jobId: "", error: "bad" }],
  ]);
  await assert.rejects(submitApplication(twoStep(2), armada), /Armada refused driver: bad/);
  assert.equal(armada.submitted.length, 1);
  assert.deepEqual(armada.cancelled, []);
});

test("single-request plan: driver first, then executors, from one call", async () => {
  const plan = {
    kind: "single",
    request: request([item("driver"), item("executor", 1)]),
    warnings: [],
  } as Plan;
  const app = await submitApplication(plan, new FakeArmada([accept("j")]));
  assert.equal(app.driverJobId, "j0");
  assert.deepEqual(app.executorJobIds, ["j1"]);
});
