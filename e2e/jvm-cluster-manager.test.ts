// The driver-side cluster manager on stock Spark, without Armada: a real driver started by stock
// spark-submit (through image/entrypoint-local.sh `driver`) with master spark+armada://, and real
// KubernetesExecutorBackend executors started through the entrypoint's `executor` mode with the
// environment the plan gives executor pods, after the wait-for-driver init container's command.
// Static executors need no Armada: the backend never calls it.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  Container,
  executorEnv,
  freePort,
  prepareSparkAndJars,
  spark,
  tempDir,
  waitForDriverArgs,
  writeHostsFile,
} from "./support/spark-local.js";

const GUARD_MS = 300_000; // hang guard per process, not a timing assertion
const DRIVER_SERVICE = "armada-e2e-driver-svc";
const containers: Container[] = [];

before(() => prepareSparkAndJars());
after(() => containers.forEach((c) => c.kill()));
// A runner that is stopped (timeout, Ctrl-C) runs no `after`: leave no Spark JVMs behind.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    containers.forEach((c) => c.kill());
    process.exit(130);
  });
}

function start(...args: ConstructorParameters<typeof Container>): Container {
  const c = new Container(...args);
  containers.push(c);
  return c;
}

interface AppRun {
  driver: Container;
  executors: Container[];
  appId: string;
}

/**
 * Starts a driver with master spark+armada:// expecting `instances` executors, and starts
 * `started` of them (numeric ids 1..started, pod IPs 127.0.1.<id>) once wait-for-driver succeeds.
 */
async function runOnArmadaMaster(opts: {
  version: string;
  instances: number;
  started: number;
  conf?: Record<string, string>;
  driverEnv?: Record<string, string>;
  resource: string;
  appArgs: string[];
  mainClass?: string;
}): Promise<AppRun> {
  const install = spark(opts.version);
  const dir = tempDir(`jvm-${opts.version}`);
  const hostsFile = writeHostsFile(dir, { [DRIVER_SERVICE]: "127.0.0.1" });
  const port = await freePort();
  const appId = `spark-${randomBytes(8).toString("hex")}`;
  const conf: Record<string, string> = {
    "spark.app.id": appId,
    "spark.driver.host": DRIVER_SERVICE,
    "spark.driver.port": String(port),
    "spark.executor.instances": String(opts.instances),
    "spark.ui.enabled": "false",
    ...opts.conf,
  };
  const args = ["driver", "--master", "spark+armada://127.0.0.1:50051"];
  if (opts.mainClass) args.push("--class", opts.mainClass);
  for (const [k, v] of Object.entries(conf)) args.push("--conf", `${k}=${v}`);
  args.push(opts.resource, ...opts.appArgs);
  const driver = start(
    `driver ${opts.version}`,
    install,
    args,
    { SPARK_DRIVER_BIND_ADDRESS: "127.0.0.1", ARMADA_DEV_HOSTS_FILE: hostsFile, ...opts.driverEnv },
    tempDir("driver"),
  );

  const executors = await Promise.all(
    Array.from({ length: opts.started }, async (_, i) => {
      const id = i + 1;
      const podDir = tempDir(`exec-${id}`);
      const env = executorEnv({
        driverHost: DRIVER_SERVICE,
        driverPort: port,
        executorId: id,
        appId,
        podIp: `127.0.1.${id}`,
        hostsFile,
      });
      const init = start(
        `wait-for-driver ${id}`,
        install,
        waitForDriverArgs(DRIVER_SERVICE, port, 240),
        env,
        podDir,
      );
      const initExit = await init.exit(GUARD_MS);
      assert.equal(initExit.code, 0, `wait-for-driver ${id} failed\n${init.tail()}\n${driver.tail()}`);
      return start(`executor ${id} (${opts.version})`, install, ["executor"], env, podDir);
    }),
  );
  return { driver, executors, appId };
}

/** Asserts a log pattern, reporting the process's last lines rather than its whole output. */
function assertLogged(c: Container, stream: "stdout" | "stderr", re: RegExp): void {
  assert.ok(re.test(c[stream]), `${c.name} ${stream} does not match ${re}\n${c.tail()}`);
}

function assertPiPrinted(driver: Container): void {
  const m = /^Pi is roughly (3\.\d+)$/m.exec(driver.stdout);
  assert.ok(m, `no Pi line on the driver's stdout\n${driver.tail()}`);
  const pi = Number(m[1]);
  assert.ok(pi > 3.0 && pi < 3.3, `implausible estimate ${pi}`);
}

for (const version of ["3.5.7", "4.1.1"]) {
  test(`Spark ${version}: stock spark-submit accepts spark+armada://, SparkContext uses our cluster manager, SparkPi runs on entrypoint executors`, async () => {
    const run = await runOnArmadaMaster({
      version,
      instances: 2,
      started: 2,
      mainClass: "io.armadaproject.spark.examples.SparkPi",
      resource: "local:///opt/spark/jars/armada-spark-examples.jar",
      appArgs: ["4"],
    });
    const exit = await run.driver.exit(GUARD_MS);
    assert.equal(exit.code, 0, `driver failed\n${run.driver.tail()}`);
    assertPiPrinted(run.driver);
    assertLogged(
      run.driver,
      "stderr",
      /ArmadaSchedulerBackend: Armada: 2 of 2 expected executors registered/,
    );
    for (const e of run.executors) {
      const ex = await e.exit(GUARD_MS);
      assert.equal(ex.code, 0, `executor did not shut down cleanly\n${e.tail()}`);
      assertLogged(e, "stderr", /Driver commanded a shutdown/);
    }
  });
}

test("Spark 4.1.1: Python pi.py (image path /opt/spark/examples/armada/pi.py) runs on entrypoint executors", async () => {
  const run = await runOnArmadaMaster({
    version: "4.1.1",
    instances: 1,
    started: 1,
    resource: "local:///opt/spark/examples/armada/pi.py",
    appArgs: ["2"],
  });
  const exit = await run.driver.exit(GUARD_MS);
  assert.equal(exit.code, 0, `driver failed\n${run.driver.tail()}\n${run.executors[0]?.tail()}`);
  assertPiPrinted(run.driver);
  await Promise.all(run.executors.map((e) => e.exit(GUARD_MS)));
});

test("Spark 4.1.1: when the minimum executors never register within trackerTimeout the driver fails, saying how many of how many", async () => {
  // Stands in for the pod's /dev/termination-log, where Armada's failed event takes the reason from.
  const terminationLog = join(tempDir("termination"), "termination-log");
  writeFileSync(terminationLog, "");
  const run = await runOnArmadaMaster({
    version: "4.1.1",
    instances: 2,
    started: 1,
    conf: {
      "spark.scheduler.minRegisteredResourcesRatio": "1.0",
      // The seed document's spellings, which the JVM reads as aliases.
      "spark.armada.Executor.trackerTimeout": "30s",
      "spark.armada.Executor.trackerPollingInterval": "500ms",
    },
    driverEnv: { ARMADA_SPARK_TERMINATION_MESSAGE_PATH: terminationLog },
    mainClass: "io.armadaproject.spark.examples.SparkPi",
    resource: "local:///opt/spark/jars/armada-spark-examples.jar",
    appArgs: [],
  });
  const exit = await run.driver.exit(GUARD_MS);
  assert.notEqual(exit.code, 0, `driver should fail\n${run.driver.tail()}`);
  const failure =
    /only (\d+) of 2 expected executors registered within spark\.armada\.executor\.trackerTimeout=30000ms \(at least 2 needed/.exec(
      run.driver.stderr,
    );
  assert.ok(failure, `no tracker failure message\n${run.driver.tail()}`);
  // The count is what the tracker saw last: 1 when the started executor registered in time
  // (the usual case), 0 on a machine too busy to start it within 30s.
  const progress = [...run.driver.stderr.matchAll(/Armada: (\d+) of 2 expected executors registered/g)].map(
    (m) => m[1],
  );
  assert.equal(failure[1], progress.at(-1), run.driver.tail());
  assert.ok(Number(failure[1]) < 2);
  const message = readFileSync(terminationLog, "utf8");
  assert.ok(message.startsWith(`Armada: ${failure[0]}`), `termination message: ${message}`);
  assert.doesNotMatch(run.driver.stdout, /Pi is roughly/);
  await Promise.all(run.executors.map((e) => e.exit(GUARD_MS)));
});

test("Spark 3.5.7: SparkPi --fail fails the driver after spark.task.maxFailures attempts (not the original's fixed 1)", async () => {
  const run = await runOnArmadaMaster({
    version: "3.5.7",
    instances: 1,
    started: 1,
    conf: { "spark.task.maxFailures": "3" },
    mainClass: "io.armadaproject.spark.examples.SparkPi",
    resource: "local:///opt/spark/jars/armada-spark-examples.jar",
    appArgs: ["1", "--fail"],
  });
  const exit = await run.driver.exit(GUARD_MS);
  assert.notEqual(exit.code, 0, run.driver.tail());
  assertLogged(run.driver, "stderr", /Task 0 in stage 0\.0 failed 3 times/);
  assertLogged(run.driver, "stderr", /SparkPi --fail: failing on purpose/);
  assert.doesNotMatch(run.driver.stdout, /Pi is roughly/);
  await Promise.all(run.executors.map((e) => e.exit(GUARD_MS)));
});

test("Spark 4.1.1: pi.py --fail exits non-zero (local[1])", async () => {
  const args = ["driver", "--master", "local[1]", "--conf", "spark.ui.enabled=false"];
  args.push("local:///opt/spark/examples/armada/pi.py", "1", "--fail");
  const driver = start(
    "pi.py --fail",
    spark("4.1.1"),
    args,
    { SPARK_DRIVER_BIND_ADDRESS: "127.0.0.1" },
    tempDir("fail"),
  );
  const exit = await driver.exit(GUARD_MS);
  assert.notEqual(exit.code, 0, driver.tail());
  assertLogged(driver, "stderr", /pi\.py --fail: failing on purpose/);
  assert.doesNotMatch(driver.stdout, /Pi is roughly/);
});

test("WaitForDriver: a driver that never listens ends the init container with exit 1 and says where it waited", async () => {
  const port = await freePort();
  const dir = tempDir("wait");
  const hostsFile = writeHostsFile(dir, { [DRIVER_SERVICE]: "127.0.0.1" });
  const init = start(
    "wait-for-driver",
    spark("4.1.1"),
    waitForDriverArgs(DRIVER_SERVICE, port, 1),
    { ARMADA_DEV_HOSTS_FILE: hostsFile },
    dir,
  );
  const exit = await init.exit(GUARD_MS);
  assert.equal(exit.code, 1, init.tail());
  assertLogged(
    init,
    "stderr",
    new RegExp(`the driver at ${DRIVER_SERVICE}:${port} did not accept a connection within 1s`),
  );
});
