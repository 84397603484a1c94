import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfError } from "./errors.js";
import { allKeys, keyFamilies, keys } from "./keys.js";
import { confFromProperties } from "./resolve.js";

// One accepted and one rejected value per registered key. `null`: the type accepts any text
// (free-form strings and lists), so there is nothing to reject. A new key without a row fails below.
const examples: Readonly<Record<string, readonly [string, string | null]>> = {
  "spark.master": ["armada://localhost:50051", "k8s://localhost:6443"],
  "spark.submit.deployMode": ["cluster", "yarn"],
  "spark.app.name": ["spark-pi", " "],
  "spark.app.id": ["spark-123", ""],
  "spark.jars": ["a.jar,b.jar", null],
  "spark.files": ["a.txt", null],
  "spark.submit.pyFiles": ["lib.zip", null],
  "spark.archives": ["env.tar.gz#env", null],
  "spark.jars.packages": ["org.example:lib:1.0", null],
  "spark.jars.excludes": ["org.example:lib", null],
  "spark.jars.repositories": ["https://repo.example.com", null],
  "spark.pyspark.python": ["python3", ""],
  "spark.pyspark.driver.python": ["python3", ""],
  "spark.driver.supervise": ["false", "true"],
  "spark.executor.instances": ["4", "-1"],
  "spark.executor.memory": ["2g", "2gig"],
  "spark.executor.cores": ["2", "0"],
  "spark.driver.memory": ["512m", "1.5g"],
  "spark.driver.cores": ["1", "one"],
  "spark.cores.max": ["8", "0"],
  "spark.driver.memoryOverhead": ["512m", "512Mi"],
  "spark.executor.memoryOverhead": ["1g", "-1g"],
  "spark.driver.memoryOverheadFactor": ["0.2", "0"],
  "spark.executor.memoryOverheadFactor": ["1.5", "0"],
  "spark.kubernetes.memoryOverheadFactor": ["0.4", "-0.1"],
  "spark.driver.minMemoryOverhead": ["256m", "abc"],
  "spark.executor.minMemoryOverhead": ["384", "384 m"],
  "spark.executor.pyspark.memory": ["1g", "1.0g"],
  "spark.memory.offHeap.enabled": ["true", "yes"],
  "spark.memory.offHeap.size": ["1g", "1x"],
  "spark.kubernetes.driver.request.cores": ["500m", "half"],
  "spark.kubernetes.driver.limit.cores": ["1", "-1"],
  "spark.kubernetes.executor.request.cores": ["0.5", "1 cpu"],
  "spark.kubernetes.executor.limit.cores": ["2", "2cores"],
  "spark.kubernetes.container.image": ["apache/spark:3.5.7", "apache spark"],
  "spark.driver.port": ["7078", "0"],
  "spark.driver.blockManager.port": ["7079", "65536"],
  "spark.blockManager.port": ["7079", "port"],
  "spark.ui.port": ["4040", "-4040"],
  "spark.ui.enabled": ["false", "no"],
  "spark.scheduler.minRegisteredResourcesRatio": ["0.8", "1.1"],
  "spark.task.maxFailures": ["4", "0"],
  "spark.driver.extraJavaOptions": ["-Dx=y", null],
  "spark.executor.extraJavaOptions": ["-XX:+UseG1GC", null],
  "spark.driver.extraClassPath": ["/x/*", null],
  "spark.driver.extraLibraryPath": ["/lib", null],
  "spark.executor.extraClassPath": ["/x/*", null],
  "spark.executor.extraLibraryPath": ["/lib", null],
  "spark.dynamicAllocation.enabled": ["false", "off"],
  "spark.dynamicAllocation.minExecutors": ["0", "-2"],
  "spark.dynamicAllocation.maxExecutors": ["10", "ten"],
  "spark.dynamicAllocation.initialExecutors": ["2", "2.5"],
  "spark.armada.internalUrl": ["armada+tls://armada.svc:443", "http://armada.svc"],
  "spark.armada.tls.caFile": ["/etc/ca.pem", ""],
  "spark.armada.auth.script.path": ["/usr/bin/token", " "],
  "spark.armada.health.checkTimeout": ["10", "10 seconds"],
  "spark.armada.lookouturl": ["http://localhost:30000", "localhost:30000"],
  "spark.armada.queue": ["test", ""],
  "spark.armada.jobSetId": ["set-1", ""],
  "spark.armada.jobTemplate": ["file:///t/job.yaml", "s3://b/job.yaml"],
  "spark.armada.driver.jobItemTemplate": ["/t/driver.yaml", "gs://b/d.yaml"],
  "spark.armada.executor.jobItemTemplate": ["https://h/e.yaml", ""],
  "spark.armada.scheduling.nodeSelectors": ["armada-spark=true", "armada-spark"],
  "spark.armada.scheduling.nodeUniformity": ["armada-spark", "armada spark"],
  "spark.armada.scheduling.namespace": ["spark-jobs", "Spark_Jobs"],
  "spark.armada.scheduling.priority": ["1.5", "-1"],
  "spark.armada.scheduling.initialPriorityClass": ["armada-default", "Armada_Default"],
  "spark.armada.scheduling.scaleUpPriorityClass": ["armada-preemptible", "-bad"],
  "spark.armada.container.image": ["registry:5000/spark:4.1.1", " "],
  "spark.armada.driver.request.cores": ["1", "1.5g"],
  "spark.armada.driver.limit.cores": ["2", "two"],
  "spark.armada.driver.request.memory": ["1Gi", "1gb"],
  "spark.armada.driver.limit.memory": ["2Gi", "2 Gi"],
  "spark.armada.executor.request.cores": ["500m", "-500m"],
  "spark.armada.executor.limit.cores": ["1", "1c"],
  "spark.armada.executor.request.memory": ["1536Mi", "1.5G B"],
  "spark.armada.executor.limit.memory": ["4G", "4g"],
  "spark.armada.runAsUser": ["185", "root"],
  "spark.armada.pod.labels": ["team=data,tier=batch", "team"],
  "spark.armada.driver.labels": ["role=driver", "role=driver!"],
  "spark.armada.executor.labels": ["role=executor", "=x"],
  "spark.armada.driver.serviceNamePrefix": ["spark-pi", "Spark_Pi"],
  "spark.armada.driver.watchEnabled": ["true", "1"],
  "spark.armada.driver.watchTimeout": ["1h", "1 hour"],
  "spark.armada.driver.ingress.enabled": ["true", "on"],
  "spark.armada.driver.ingress.tls.enabled": ["false", "maybe"],
  "spark.armada.driver.ingress.annotations": ["nginx.ingress.kubernetes.io/rewrite-target=/", "no-equals"],
  "spark.armada.driver.ingress.certName": ["spark-tls", null],
  "spark.armada.driver.ingress.port": ["4040", "99999"],
  "spark.armada.executor.connectionTimeout": ["5min", "0"],
  "spark.armada.executor.initContainer.image": ["busybox:1.36", "busy box"],
  "spark.armada.executor.initContainer.cpu": ["100m", "100mc"],
  "spark.armada.executor.initContainer.memory": ["128Mi", "128MB"],
  "spark.armada.executor.trackerPollingInterval": ["500ms", "0ms"],
  "spark.armada.executor.trackerTimeout": ["10min", "10mins"],
  "spark.armada.executor.preemptionGracePeriod": ["30s", "-30s"],
  "spark.armada.deleteExecutors": ["false", "nope"],
  "spark.armada.killGracePeriod": ["5s", "5.5s"],
  "spark.armada.allocation.batchSize": ["10", "0"],
  "spark.armada.allocation.maxPendingJobs": ["100", "-5"],
  "spark.armada.allocation.checkInterval": ["10s", "0s"],
  "spark.armada.oauth.enabled": ["false", "true"],
};

const notSupportedKeys = allKeys.filter((k) => k.notSupported !== undefined);

describe("key registry", () => {
  it("has an accepted and a rejected example for every key (add a row when adding a key)", () => {
    const missing = allKeys.filter((k) => k.notSupported === undefined && !(k.name in examples));
    assert.deepEqual(
      missing.map((k) => k.name),
      [],
    );
  });

  for (const key of allKeys.filter((k) => k.notSupported === undefined)) {
    const [good, bad] = examples[key.name] ?? ["", null];
    it(`${key.name} accepts ${JSON.stringify(good)}`, () => {
      const { conf } = confFromProperties({ [key.name]: good });
      assert.notEqual(conf.get(key), undefined);
      assert.deepEqual(conf.get(key), key.type.parse(good));
    });
    if (bad === null) {
      it(`${key.name} is free-form text`, () => {
        assert.match(key.type.expected, /^a (string|comma-separated list)$/);
      });
    } else {
      it(`${key.name} rejects ${JSON.stringify(bad)} naming the key, value, source and expected form`, () => {
        assert.throws(
          () => confFromProperties({ [key.name]: bad }),
          (e: unknown) =>
            e instanceof ConfError &&
            e.subject === key.name &&
            e.message.startsWith(`${key.name}: ${JSON.stringify(bad)} (from --conf)`) &&
            e.message.includes(key.type.expected.split(" (")[0]!),
        );
      });
    }
  }

  for (const key of notSupportedKeys) {
    it(`${key.name} is registered but rejected as not supported`, () => {
      assert.throws(
        () => confFromProperties({ [key.name]: "x" }),
        (e: unknown) => e instanceof ConfError && e.message.includes(key.notSupported!),
      );
    });
  }

  it("rejects every spark.armada.oauth.* key as not supported yet, but accepts oauth.enabled=false", () => {
    assert.throws(
      () => confFromProperties({ "spark.armada.oauth.clientId": "abc" }),
      (e: unknown) => e instanceof ConfError && /oauth2-proxy sidecar .* not supported yet/.test(e.message),
    );
    assert.equal(
      confFromProperties({ "spark.armada.oauth.enabled": "false" }).conf.get(keys.oauthEnabled),
      false,
    );
  });

  it("registers the contract's aliases on their canonical keys", () => {
    const aliasOf = (alias: string) => allKeys.find((k) => k.aliases.includes(alias))?.name;
    assert.equal(aliasOf("spark.Executor.instances"), "spark.executor.instances");
    assert.equal(aliasOf("spark.armada.clusterSelectors"), "spark.armada.scheduling.nodeSelectors");
    assert.equal(
      aliasOf("spark.armada.scheduling.nodeUniformityLabel"),
      "spark.armada.scheduling.nodeUniformity",
    );
    assert.equal(aliasOf("spark.armada.DriverServiceNamePrefix"), "spark.armada.driver.serviceNamePrefix");
    assert.equal(aliasOf("spark.armada.global.labels"), "spark.armada.pod.labels");
    assert.equal(aliasOf("spark.armada.Driver.labels"), "spark.armada.driver.labels");
    assert.equal(aliasOf("spark.armada.Executor.labels"), "spark.armada.executor.labels");
    assert.equal(
      aliasOf("spark.armada.Executor.trackerPollingInterval"),
      "spark.armada.executor.trackerPollingInterval",
    );
    assert.equal(aliasOf("spark.armada.Executor.trackerTimeout"), "spark.armada.executor.trackerTimeout");
  });

  it("has the contract's defaults", () => {
    assert.equal(keys.executorInstances.default, 2);
    assert.equal(keys.executorMemory.default, 2 ** 30);
    assert.equal(keys.driverPort.default, 7078);
    assert.equal(keys.blockManagerPort.default, 7079);
    assert.equal(keys.driverBlockManagerPort.defaultText, "spark.blockManager.port");
    assert.equal(keys.uiPort.default, 4040);
    assert.equal(keys.executorTrackerPollingInterval.default, 1000);
    assert.equal(keys.executorTrackerTimeout.default, 300_000);
    assert.equal(keys.healthCheckTimeout.default, 5000);
  });

  it("has no auth token key: tokens come from ARMADA_AUTH_TOKEN only", () => {
    assert.equal(
      allKeys.some((k) => /token/i.test(k.name)),
      false,
    );
  });

  it("has unique names and aliases, one-line help, and every family prefix ends with a dot", () => {
    const names = allKeys.flatMap((k) => [k.name, ...k.aliases]);
    assert.equal(new Set(names).size, names.length);
    for (const k of allKeys) assert.ok(k.help.length > 0 && !k.help.includes("\n"), k.name);
    for (const f of keyFamilies) assert.ok(f.prefix.endsWith("."), f.prefix);
  });
});
