import { test } from "node:test";
import assert from "node:assert/strict";
import type { EnvVar, JobSubmitRequest, JobSubmitRequestItem, Plan } from "./model.js";
import { buildPlan } from "./plan.js";
import { fixedPlanIds } from "./plan-ids.js";
import { seedArgs, seedWith, submissionOf } from "./test-support.js";
import { UsageError } from "../conf/errors.js";

const ids = fixedPlanIds();

function requestsOf(plan: Plan, driverJobId = "01driverjobid"): JobSubmitRequest[] {
  return plan.kind === "single" ? [plan.request] : [plan.driverRequest, plan.executorsRequest(driverJobId)];
}

function itemsOf(plan: Plan): JobSubmitRequestItem[] {
  return requestsOf(plan).flatMap((r) => r.jobRequestItems);
}

function env(item: JobSubmitRequestItem, name: string): EnvVar | undefined {
  return item.podSpecs[0]!.containers[0]!.env?.find((e) => e.name === name);
}

function envValue(item: JobSubmitRequestItem, name: string): string | undefined {
  const e = env(item, name);
  return e && "value" in e ? e.value : undefined;
}

test("seed example: one driver and 4 executors with numeric ids 1..4, driver first", () => {
  const items = itemsOf(buildPlan(submissionOf(seedArgs()), ids));
  assert.equal(items.length, 5);
  assert.equal(items[0]!.podSpecs[0]!.containers[0]!.name, "driver");
  assert.deepEqual(
    items.slice(1).map((i) => envValue(i, "SPARK_EXECUTOR_ID")),
    ["1", "2", "3", "4"],
  );
});

test("seed example: the seed's node selector on every pod and one gang of 5", () => {
  const items = itemsOf(buildPlan(submissionOf(seedArgs()), ids));
  for (const item of items) {
    assert.deepEqual(item.podSpecs[0]!.nodeSelector, { "armada-spark": "true" });
    assert.equal(item.annotations?.["armadaproject.io/gangId"], ids.gangId);
    assert.equal(item.annotations?.["armadaproject.io/gangCardinality"], "5");
    assert.equal(item.annotations?.["armadaproject.io/gangNodeUniformityLabel"], undefined);
  }
});

test("executors default to Spark's 2 and the gang counts the driver", () => {
  const sub = submissionOf([
    "--master",
    "armada://h:1",
    "--conf",
    "spark.armada.container.image=img",
    "--class",
    "A",
    "x.jar",
  ]);
  const items = itemsOf(buildPlan(sub, ids));
  assert.equal(items.length, 3);
  assert.equal(items[0]!.annotations?.["armadaproject.io/gangCardinality"], "3");
});

test("node uniformity label annotates every gang member", () => {
  const items = itemsOf(
    buildPlan(seedWith({ "spark.armada.scheduling.nodeUniformity": "armada-spark" }), ids),
  );
  for (const item of items) {
    assert.equal(item.annotations?.["armadaproject.io/gangNodeUniformityLabel"], "armada-spark");
  }
});

test("without a service name prefix: driver request first, executors reach armada-<driverJobId>-0-service-0", () => {
  const plan = buildPlan(submissionOf(seedArgs()), ids);
  assert.equal(plan.kind, "two-step");
  if (plan.kind !== "two-step") return;
  assert.equal(plan.driverRequest.jobRequestItems.length, 1);
  const executors = plan.executorsRequest("01abc").jobRequestItems;
  assert.equal(executors.length, 4);
  for (const e of executors) {
    assert.equal(
      envValue(e, "SPARK_DRIVER_URL"),
      "spark://CoarseGrainedScheduler@armada-01abc-0-service-0:7078",
    );
    const init = e.podSpecs[0]!.initContainers![0]!;
    assert.deepEqual(init.args!.slice(-3), ["armada-01abc-0-service-0", "7078", "300"]);
  }
  const driver = plan.driverRequest.jobRequestItems[0]!;
  assert.deepEqual(driver.services, [{ type: "Headless", ports: [7078, 7079, 4040] }]);
  // The driver derives its own service name from its job id label.
  assert.ok(
    driver.podSpecs[0]!.containers[0]!.args!.includes(
      "spark.driver.host=armada-$(ARMADA_JOB_ID)-0-service-0",
    ),
  );
  assert.deepEqual(env(driver, "ARMADA_JOB_ID"), {
    name: "ARMADA_JOB_ID",
    valueFrom: { fieldRef: { fieldPath: "metadata.labels['armada_job_id']" } },
  });
});

test("with a service name prefix: one request, custom unique service name used by executors and the driver", () => {
  const plan = buildPlan(seedWith({ "spark.armada.DriverServiceNamePrefix": "pi-driver" }), ids);
  assert.equal(plan.kind, "single");
  if (plan.kind !== "single") return;
  const [driver, ...executors] = plan.request.jobRequestItems;
  const name = `pi-driver-${ids.serviceNameSuffix}`;
  assert.deepEqual(driver!.services, [{ type: "Headless", ports: [7078, 7079, 4040], name }]);
  assert.ok(driver!.podSpecs[0]!.containers[0]!.args!.includes(`spark.driver.host=${name}`));
  assert.equal(env(driver!, "ARMADA_JOB_ID"), undefined);
  assert.equal(executors.length, 4);
  for (const e of executors)
    assert.equal(envValue(e, "SPARK_DRIVER_URL"), `spark://CoarseGrainedScheduler@${name}:7078`);
});

test("driver runs the entrypoint's driver mode against spark+armada:// with the internal URL when set", () => {
  const plan = buildPlan(
    seedWith({ "spark.armada.internalUrl": "armada://armada-server.armada:50051", "spark.app.name": "x" }),
    ids,
  );
  const args = itemsOf(plan)[0]!.podSpecs[0]!.containers[0]!.args!;
  assert.deepEqual(args.slice(0, 7), [
    "driver",
    "--master",
    "spark+armada://armada-server.armada:50051",
    "--deploy-mode",
    "client",
    "--class",
    "io.armadaproject.spark.examples.SparkPi",
  ]);
  assert.equal(args.at(-1), "local:///opt/spark/jars/armada-spark-examples.jar");
  assert.ok(args.includes(`spark.app.id=${ids.appId}`));
  assert.ok(!args.some((a) => a.startsWith("spark.master=")));
});

test("driver args end with the resource and the application arguments; Python has no --class", () => {
  const sub = submissionOf([
    "--master",
    "armada://h:1",
    "--conf",
    "spark.armada.container.image=img",
    "local:///opt/app/pi.py",
    "10",
    "--fail",
  ]);
  const args = itemsOf(buildPlan(sub, ids))[0]!.podSpecs[0]!.containers[0]!.args!;
  assert.deepEqual(args.slice(-3), ["local:///opt/app/pi.py", "10", "--fail"]);
  assert.ok(!args.includes("--class"));
});

test("every resolved spark.* key reaches the driver as --conf, secrets included in the real request", () => {
  const args = itemsOf(
    buildPlan(seedWith({ "spark.foo.password": "hunter2", "spark.sql.shuffle.partitions": "7" }), ids),
  )[0]!.podSpecs[0]!.containers[0]!.args!;
  assert.ok(args.includes("spark.foo.password=hunter2"));
  assert.ok(args.includes("spark.sql.shuffle.partitions=7"));
});

test("driver bind address from the pod IP and declared ports; no UI port when the UI is disabled", () => {
  const driver = itemsOf(buildPlan(seedWith({ "spark.ui.enabled": "false" }), ids))[0]!;
  assert.deepEqual(env(driver, "SPARK_DRIVER_BIND_ADDRESS"), {
    name: "SPARK_DRIVER_BIND_ADDRESS",
    valueFrom: { fieldRef: { fieldPath: "status.podIP" } },
  });
  assert.deepEqual(
    driver.podSpecs[0]!.containers[0]!.ports!.map((p) => p.containerPort),
    [7078, 7079],
  );
  assert.deepEqual(driver.services![0]!.ports, [7078, 7079]);
});

test("the driver's block manager port falls back to spark.blockManager.port, as in Spark", () => {
  const portsOf = (confs: Record<string, string>) => {
    const driver = itemsOf(buildPlan(seedWith(confs), ids))[0]!;
    return driver.services![0]!.ports;
  };
  assert.deepEqual(portsOf({ "spark.blockManager.port": "7090" }), [7078, 7090, 4040]);
  assert.deepEqual(
    portsOf({ "spark.blockManager.port": "7090", "spark.driver.blockManager.port": "7091" }),
    [7078, 7091, 4040],
  );
});

test("executor environment follows the image entrypoint's contract", () => {
  const plan = buildPlan(
    seedWith({
      "spark.executor.memory": "2g",
      "spark.executor.cores": "3",
      "spark.executor.extraJavaOptions": "-Dfoo=bar -Xss4m",
      "spark.executorEnv.MY_VAR": "v",
      "spark.network.timeout": "300s",
    }),
    ids,
  );
  const e = itemsOf(plan)[1]!;
  assert.equal(envValue(e, "SPARK_EXECUTOR_MEMORY"), "2048m");
  assert.equal(envValue(e, "SPARK_EXECUTOR_CORES"), "3");
  assert.equal(envValue(e, "SPARK_APPLICATION_ID"), ids.appId);
  assert.equal(envValue(e, "SPARK_RESOURCE_PROFILE_ID"), "0");
  assert.equal(envValue(e, "MY_VAR"), "v");
  assert.deepEqual(env(e, "SPARK_EXECUTOR_POD_NAME"), {
    name: "SPARK_EXECUTOR_POD_NAME",
    valueFrom: { fieldRef: { fieldPath: "metadata.name" } },
  });
  const opts = e.podSpecs[0]!.containers[0]!.env!.filter((v) => v.name.startsWith("SPARK_JAVA_OPT_"));
  const values = opts.map((v) => ("value" in v ? v.value : ""));
  assert.deepEqual(
    opts.map((v) => v.name),
    values.map((_, i) => `SPARK_JAVA_OPT_${i}`),
  );
  assert.deepEqual(values.slice(0, 2), ["-Dfoo=bar", "-Xss4m"]);
  assert.ok(values.includes("-XX:+IgnoreUnrecognizedVMOptions"));
  assert.ok(values.includes("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"));
  assert.ok(values.includes("-Dspark.network.timeout=300s"));
  assert.ok(values.includes("-Dspark.driver.port=7078"));
  assert.ok(!values.some((v) => v.startsWith("-Dspark.executor.memory")));
  assert.deepEqual(e.podSpecs[0]!.containers[0]!.args, ["executor"]);
  assert.equal(e.podSpecs[0]!.terminationGracePeriodSeconds, 180);
});

test("executor startup options never carry a secret; the auth secret travels as _SPARK_AUTH_SECRET", () => {
  const e = itemsOf(
    buildPlan(seedWith({ "spark.authenticate": "true", "spark.authenticate.secret": "s3cr3t" }), ids),
  )[1]!;
  const values = e.podSpecs[0]!.containers[0]!.env!.map((v) => ("value" in v ? v.value : ""));
  assert.ok(values.includes("-Dspark.authenticate=true"));
  assert.ok(!values.some((v) => v.includes("spark.authenticate.secret")));
  assert.equal(envValue(e, "_SPARK_AUTH_SECRET"), "s3cr3t");
});

test("wait-for-driver init container: contract D args, configured timeout, image and size, requests = limits", () => {
  const plan = buildPlan(
    seedWith({
      "spark.armada.executor.connectionTimeout": "2min",
      "spark.armada.executor.initContainer.image": "busybox:1",
      "spark.armada.executor.initContainer.cpu": "200m",
      "spark.armada.executor.initContainer.memory": "64Mi",
    }),
    ids,
  );
  const init = itemsOf(plan)[1]!.podSpecs[0]!.initContainers![0]!;
  assert.equal(init.name, "wait-for-driver");
  assert.equal(init.image, "busybox:1");
  assert.deepEqual(init.args!.slice(0, 2), ["bash", "-c"]);
  assert.match(init.args![2]!, /io\.armadaproject\.spark\.WaitForDriver "\$@"$/);
  assert.deepEqual(init.args!.slice(3), [
    "wait-for-driver",
    "armada-01driverjobid-0-service-0",
    "7078",
    "120",
  ]);
  assert.deepEqual(init.resources, {
    requests: { cpu: "200m", memory: "64Mi" },
    limits: { cpu: "200m", memory: "64Mi" },
  });
  assert.equal(itemsOf(plan)[0]!.podSpecs[0]!.initContainers, undefined);
});

test("the init container defaults to the Spark image, 100m and 128Mi", () => {
  const init = itemsOf(buildPlan(submissionOf(seedArgs()), ids))[1]!.podSpecs[0]!.initContainers![0]!;
  assert.equal(init.image, "armada-spark");
  assert.deepEqual(init.resources!.limits, { cpu: "100m", memory: "128Mi" });
});

test("image: spark.armada.container.image wins over spark.kubernetes.container.image", () => {
  const items = itemsOf(buildPlan(seedWith({ "spark.armada.container.image": "mine:1" }), ids));
  for (const i of items) assert.equal(i.podSpecs[0]!.containers[0]!.image, "mine:1");
});

test("no image at all is an error naming both keys", () => {
  const sub = submissionOf(["--master", "armada://h:1", "--class", "A", "x.jar"]);
  assert.throws(
    () => buildPlan(sub, ids),
    (e: unknown) =>
      e instanceof UsageError &&
      e.message.includes("spark.armada.container.image") &&
      e.message.includes("spark.kubernetes.container.image"),
  );
});

test("queue and job set default to `default` and the application id", () => {
  const [req] = requestsOf(buildPlan(submissionOf(seedArgs()), ids));
  assert.equal(req!.queue, "default");
  assert.equal(req!.jobSetId, ids.appId);
  const [req2] = requestsOf(
    buildPlan(seedWith({ "spark.armada.queue": "q", "spark.armada.jobSetId": "js" }), ids),
  );
  assert.equal(req2!.queue, "q");
  assert.equal(req2!.jobSetId, "js");
});

test("scheduling settings: namespace, priority, priority class, runAsUser, grace period", () => {
  const items = itemsOf(
    buildPlan(
      seedWith({
        "spark.armada.scheduling.namespace": "spark",
        "spark.armada.scheduling.priority": "2.5",
        "spark.armada.scheduling.initialPriorityClass": "armada-preemptible",
        "spark.armada.runAsUser": "1000",
        "spark.armada.executor.preemptionGracePeriod": "60s",
      }),
      ids,
    ),
  );
  for (const i of items) {
    assert.equal(i.namespace, "spark");
    assert.equal(i.priority, 2.5);
    assert.equal(i.podSpecs[0]!.priorityClassName, "armada-preemptible");
    assert.deepEqual(i.podSpecs[0]!.securityContext, { runAsUser: 1000 });
    assert.equal(i.podSpecs[0]!.restartPolicy, "Never");
  }
  assert.equal(items[0]!.podSpecs[0]!.terminationGracePeriodSeconds, undefined);
  assert.equal(items[1]!.podSpecs[0]!.terminationGracePeriodSeconds, 60);
});

test("labels: pod labels on all, role labels by role, Spark's labels with a sanitized app name", () => {
  const items = itemsOf(
    buildPlan(
      seedWith(
        {
          "spark.armada.global.labels": "team=data,env=dev",
          "spark.armada.Driver.labels": "env=prod",
          "spark.armada.Executor.labels": "kind=exec",
        },
        "--name",
        "My Spark_App!",
      ),
      ids,
    ),
  );
  assert.deepEqual(items[0]!.labels, {
    team: "data",
    env: "prod",
    "spark-app-selector": ids.appId,
    "spark-role": "driver",
    "spark-app-name": "my-spark-app",
  });
  assert.deepEqual(items[2]!.labels, {
    team: "data",
    env: "dev",
    kind: "exec",
    "spark-app-selector": ids.appId,
    "spark-role": "executor",
    "spark-exec-id": "2",
    "spark-app-name": "my-spark-app",
  });
});

test("driver ingress: UI port, TLS, certificate name and annotations", () => {
  const items = itemsOf(
    buildPlan(
      seedWith({
        "spark.armada.driver.ingress.enabled": "true",
        "spark.armada.driver.ingress.tls.enabled": "true",
        "spark.armada.driver.ingress.certName": "my-cert",
        "spark.armada.driver.ingress.annotations": "nginx.ingress.kubernetes.io/rewrite-target=/",
      }),
      ids,
    ),
  );
  assert.deepEqual(items[0]!.ingress, [
    {
      ports: [4040],
      tlsEnabled: true,
      certName: "my-cert",
      annotations: { "nginx.ingress.kubernetes.io/rewrite-target": "/" },
    },
  ]);
  assert.equal(items[1]!.ingress, undefined);
});

test("every item has a distinct clientId derived from the injected submission id", () => {
  const items = itemsOf(buildPlan(submissionOf(seedArgs()), ids));
  const clientIds = items.map((i) => i.clientId);
  assert.equal(new Set(clientIds).size, items.length);
  for (const c of clientIds) assert.ok(c.startsWith(ids.submissionId) && c.length <= 100, c);
  // Deterministic for the same ids (stable across retries).
  assert.deepEqual(
    itemsOf(buildPlan(submissionOf(seedArgs()), ids)).map((i) => i.clientId),
    clientIds,
  );
});

test("an ingress port other than the UI's is declared on the driver container", () => {
  const driver = itemsOf(
    buildPlan(
      seedWith({ "spark.armada.driver.ingress.enabled": "true", "spark.armada.driver.ingress.port": "8080" }),
      ids,
    ),
  )[0]!;
  assert.deepEqual(driver.ingress![0]!.ports, [8080]);
  assert.deepEqual(
    driver.podSpecs[0]!.containers[0]!.ports!.map((p) => p.containerPort),
    [7078, 7079, 4040, 8080],
  );
});

test("spark.kubernetes.driverEnv.* become driver environment variables", () => {
  const driver = itemsOf(buildPlan(seedWith({ "spark.kubernetes.driverEnv.MY_VAR": "x" }), ids))[0]!;
  assert.equal(envValue(driver, "MY_VAR"), "x");
});

test("configuration values reach the driver verbatim: `$` is escaped against Kubernetes' $(VAR) expansion", () => {
  const args = itemsOf(buildPlan(seedWith({ "spark.foo": "a$(HOME)b$$c$" }), ids))[0]!.podSpecs[0]!
    .containers[0]!.args!;
  assert.ok(args.includes("spark.foo=a$$(HOME)b$$$$c$$"), args.join(" "));
});
