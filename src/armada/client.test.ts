// ArmadaClient against an in-memory Armada double (connect's router transport).
import { test } from "node:test";
import assert from "node:assert/strict";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createRouterTransport } from "@connectrpc/connect";
import type { ConnectRouter } from "@connectrpc/connect";
import { ArmadaClient } from "./client.js";
import { CredentialProvider } from "./credentials.js";
import { ArmadaError } from "./errors.js";
import { Event } from "./gen/pkg/api/event_pb.js";
import type { EventStreamMessage, JobSetRequest } from "./gen/pkg/api/event_pb.js";
import { EventStreamMessageSchema } from "./gen/pkg/api/event_pb.js";
import { HealthCheckResponse_ServingStatus } from "./gen/pkg/api/health_pb.js";
import { QueueService, Submit } from "./gen/pkg/api/submit_pb.js";
import type { JobSubmitRequest } from "./gen/pkg/api/submit_pb.js";
import { Redactor } from "./redactor.js";

const endpoint = { url: "armada://armada.test:50051", host: "armada.test", port: 50051, tls: false };
const secretToken = "s3cr3t-token-value";

function client(
  routes: (r: ConnectRouter) => void,
  extra: Partial<ConstructorParameters<typeof ArmadaClient>[0]> = {},
) {
  const redactor = new Redactor();
  const credentials = new CredentialProvider(
    { kind: "bearer", source: "environment variable ARMADA_AUTH_TOKEN", token: secretToken },
    redactor,
  );
  return new ArmadaClient({
    endpoint,
    transport: createRouterTransport(routes, { transport: { interceptors: [credentials.interceptor()] } }),
    credentials,
    redactor,
    retryHooks: { sleep: async () => {} },
    ...extra,
  });
}

test("a large submit is sent in chunks of 200 and the job ids come back in item order", async () => {
  const seen: number[] = [];
  const c = client((r) =>
    r.service(Submit, {
      submitJobs(req: JobSubmitRequest) {
        seen.push(req.jobRequestItems.length);
        return { jobResponseItems: req.jobRequestItems.map((i) => ({ jobId: `job-${i.clientId}` })) };
      },
    }),
  );
  const items = Array.from({ length: 450 }, (_, i) => ({ clientId: `c${i}`, namespace: "default" }));
  const res = await c.submitJobsJson({ queue: "q", jobSetId: "s", jobRequestItems: items });
  assert.deepEqual(seen, [200, 200, 50]);
  assert.deepEqual(
    res.map((r) => r.jobId),
    items.map((i) => `job-${i.clientId}`),
  );
});

test("a submit retried after UNAVAILABLE resends the same client ids, so Armada can deduplicate", async () => {
  const attempts: string[][] = [];
  let n = 0;
  const c = client(
    (r) =>
      r.service(Submit, {
        submitJobs(req: JobSubmitRequest) {
          attempts.push(req.jobRequestItems.map((i) => i.clientId));
          if (attempts.length === 1) throw new ConnectError("connection lost", Code.Unavailable);
          return { jobResponseItems: req.jobRequestItems.map(() => ({ jobId: "j" })) };
        },
      }),
    { newClientId: () => `generated-${n++}` },
  );
  await c.submitJobsJson({ queue: "q", jobSetId: "s", jobRequestItems: [{}, { clientId: "mine" }] });
  assert.equal(attempts.length, 2);
  assert.deepEqual(attempts[0], ["generated-0", "mine"]);
  assert.deepEqual(attempts[1], attempts[0]);
});

test("a missing queue on submit says how to create it", async () => {
  const c = client((r) =>
    r.service(Submit, {
      submitJobs() {
        throw new ConnectError('could not find queue "spark"', Code.PermissionDenied);
      },
    }),
  );
  await assert.rejects(
    c.submitJobsJson({ queue: "spark", jobSetId: "s", jobRequestItems: [{}] }),
    (e: unknown) => {
      assert.ok(e instanceof ArmadaError);
      assert.equal(e.kind, "queue-missing");
      assert.match(e.message, /armada-spark queue create spark/);
      assert.match(e.message, /armadactl create queue spark/);
      return true;
    },
  );
});

test("a failure after earlier chunks were accepted reports the accepted job ids", async () => {
  let calls = 0;
  const c = client(
    (r) =>
      r.service(Submit, {
        submitJobs(req: JobSubmitRequest) {
          if (++calls === 2) throw new ConnectError("pod spec too large", Code.InvalidArgument);
          return { jobResponseItems: req.jobRequestItems.map((i) => ({ jobId: `j-${i.clientId}` })) };
        },
      }),
    { submitChunkSize: 2 },
  );
  const items = ["a", "b", "c"].map((clientId) => ({ clientId }));
  await assert.rejects(
    c.submitJobsJson({ queue: "q", jobSetId: "s", jobRequestItems: items }),
    (e: unknown) => {
      assert.ok(e instanceof ArmadaError);
      assert.equal(e.kind, "invalid-argument");
      assert.match(e.message, /pod spec too large/);
      assert.deepEqual(e.acceptedJobIds, ["j-a", "j-b"]);
      return true;
    },
  );
});

test("UNAUTHENTICATED names where the credentials came from and never shows the token", async () => {
  const c = client((r) =>
    r.service(Submit, {
      health(_req, ctx) {
        // A server echoing the header it got must not leak it either.
        throw new ConnectError(
          `bad token in "${ctx.requestHeader.get("authorization")}"`,
          Code.Unauthenticated,
        );
      },
    }),
  );
  await assert.rejects(c.health(1000), (e: unknown) => {
    assert.ok(e instanceof ArmadaError);
    assert.equal(e.kind, "unauthenticated");
    assert.match(e.message, /ARMADA_AUTH_TOKEN/);
    assert.ok(!e.message.includes(secretToken), e.message);
    assert.ok(!JSON.stringify(e).includes(secretToken));
    return true;
  });
});

test("the health check passes on SERVING and reports other statuses", async () => {
  let status = HealthCheckResponse_ServingStatus.SERVING;
  const c = client((r) => r.service(Submit, { health: () => ({ status }) }));
  await c.health(1000);
  status = HealthCheckResponse_ServingStatus.NOT_SERVING;
  await assert.rejects(c.health(1000), /reports NOT_SERVING/);
});

test("a deadline names the setting that bounds it", async () => {
  const c = client((r) =>
    r.service(Submit, {
      health() {
        throw new ConnectError("deadline", Code.DeadlineExceeded);
      },
    }),
  );
  await assert.rejects(c.health(1234), (e: unknown) => {
    assert.ok(e instanceof ArmadaError);
    assert.equal(e.kind, "deadline-exceeded");
    assert.match(e.message, /1234 ms.*spark\.armada\.health\.checkTimeout/);
    return true;
  });
});

test("ensureQueue creates a missing queue once and treats an existing one as done", async () => {
  const queues = new Set<string>(["existing"]);
  const c = client((r) =>
    r.service(QueueService, {
      getQueue(req) {
        if (!queues.has(req.name)) throw new ConnectError(`queue ${req.name} not found`, Code.NotFound);
        return { name: req.name, priorityFactor: 1 };
      },
      createQueue(q) {
        if (queues.has(q.name)) throw new ConnectError("exists", Code.AlreadyExists);
        assert.equal(q.priorityFactor, 1);
        queues.add(q.name);
        return {};
      },
    }),
  );
  assert.equal(await c.ensureQueue("existing"), "exists");
  assert.equal(await c.ensureQueue("new"), "created");
  assert.equal(await c.ensureQueue("new"), "exists");
  assert.equal(await c.getQueue("absent"), undefined);
});

test("the event stream resumes after the last delivered id when the connection drops", async () => {
  const log = Array.from({ length: 6 }, (_, i) =>
    create(EventStreamMessageSchema, {
      id: `${i + 1}`,
      message: { events: { case: "queued", value: { jobId: `job${i + 1}` } } },
    }),
  );
  const requests: string[] = [];
  const c = client((r) =>
    r.service(Event, {
      async *getJobSetEvents(req: JobSetRequest): AsyncIterable<EventStreamMessage> {
        requests.push(req.fromMessageId);
        const start = req.fromMessageId === "" ? 0 : Number(req.fromMessageId);
        for (const m of log.slice(start)) {
          yield m;
          if (requests.length === 1 && m.id === "2") throw new ConnectError("reset", Code.Unavailable);
        }
      },
    }),
  );
  const got: string[] = [];
  for await (const e of c.events({ queue: "q", jobSetId: "s", watch: false })) got.push(e.id);
  assert.deepEqual(got, ["1", "2", "3", "4", "5", "6"]);
  assert.deepEqual(requests, ["", "2"]);
});

test("a server error on the event stream is not retried and maps to an ArmadaError", async () => {
  let calls = 0;
  const c = client((r) =>
    r.service(Event, {
      // eslint-disable-next-line require-yield
      async *getJobSetEvents() {
        calls++;
        throw new ConnectError("queue q does not exist", Code.NotFound);
      },
    }),
  );
  await assert.rejects(
    (async () => {
      for await (const _ of c.events({ queue: "q", jobSetId: "s", watch: true })) void _;
    })(),
    (e: unknown) => e instanceof ArmadaError && e.kind === "queue-missing",
  );
  assert.equal(calls, 1);
});

test("a missing job set in an existing queue is not-found (exit 10), not a missing queue", async () => {
  const c = client((r) =>
    r.service(Event, {
      // eslint-disable-next-line require-yield
      async *getJobSetEvents(req) {
        throw new ConnectError(
          `[GetJobSetEvents] Jobset ${req.id} for queue ${req.queue} does not exist`,
          Code.NotFound,
        );
      },
    }),
  );
  await assert.rejects(
    (async () => {
      for await (const _ of c.events({ queue: "q", jobSetId: "s", watch: false })) void _;
    })(),
    (e: unknown) => e instanceof ArmadaError && e.kind === "not-found",
  );
});
