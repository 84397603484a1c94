import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfError, UsageError } from "./errors.js";
import { keys } from "./keys.js";
import { resolveSubmission, resolveSubmitCommand, sparkDefaultsPath, type Env } from "./resolve.js";
import { REDACTED } from "./secrets.js";
import { describeSource } from "./source.js";

const master = ["--master", "armada://localhost:50051"];
const app = ["--class", "org.example.Main", "local:///opt/app.jar"];

function files(map: Record<string, string>) {
  return (path: string) => map[path];
}

function resolve(argv: string[], env: Env = {}, fs: Record<string, string> = {}) {
  return resolveSubmission(argv, env, files(fs));
}

function sourceText(s: ReturnType<typeof resolve>, name: string): string | undefined {
  const src = s.conf.sourceOf(name);
  return src && describeSource(src);
}

function throwsConf(fn: () => unknown, ...parts: string[]): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ConfError, `expected ConfError, got ${String(e)}`);
    for (const p of parts) assert.ok(e.message.includes(p), `"${e.message}" should contain "${p}"`);
    return true;
  });
}

function throwsUsage(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof UsageError && pattern.test(e.message));
}

describe("precedence: flag > --conf > properties file > spark-defaults.conf", () => {
  const env = { SPARK_CONF_DIR: "/conf" };
  const fs = {
    "/conf/spark-defaults.conf":
      "spark.executor.memory 1g\nspark.executor.cores 2\nspark.ui.port 4041\nspark.driver.cores 3\n",
    "/p.conf": "# mine\nspark.executor.memory=2g\nspark.executor.cores=3\nspark.ui.port=4042\n",
  };
  it("spark-defaults.conf applies when nothing overrides it, with file:line as source", () => {
    const s = resolve([...master, ...app], env, fs);
    assert.equal(s.conf.get(keys.executorMemory), 2 ** 30);
    assert.equal(sourceText(s, "spark.executor.memory"), "/conf/spark-defaults.conf:1");
  });
  it("--conf beats the properties file, which beats spark-defaults.conf; flags beat --conf", () => {
    const s = resolve(
      [
        ...master,
        "--load-spark-defaults",
        "--properties-file",
        "/p.conf",
        "--conf",
        "spark.executor.memory=3g",
        "--conf",
        "spark.executor.cores=4",
        "--executor-memory",
        "4g",
        ...app,
      ],
      env,
      fs,
    );
    assert.equal(s.conf.get(keys.executorMemory), 4 * 2 ** 30);
    assert.equal(sourceText(s, "spark.executor.memory"), "--executor-memory");
    assert.equal(s.conf.get(keys.executorCores), 4);
    assert.equal(sourceText(s, "spark.executor.cores"), "--conf");
    assert.equal(s.conf.get(keys.uiPort), 4042);
    assert.equal(sourceText(s, "spark.ui.port"), "/p.conf:4");
    assert.equal(s.conf.get(keys.driverCores), 3);
    assert.equal(sourceText(s, "spark.driver.cores"), "/conf/spark-defaults.conf:4");
  });
  it("--properties-file replaces spark-defaults.conf without --load-spark-defaults", () => {
    const s = resolve([...master, "--properties-file", "/p.conf", ...app], env, fs);
    assert.equal(s.conf.raw("spark.driver.cores"), undefined);
    assert.equal(s.conf.get(keys.driverCores), 1);
    assert.equal(s.conf.get(keys.uiPort), 4042);
  });
  it("the last of repeated --conf values wins, and a later file line wins over an earlier one", () => {
    const s = resolve(
      [
        ...master,
        "--properties-file",
        "/q.conf",
        "-c",
        "spark.executor.instances=3",
        "--conf",
        "spark.executor.instances=5",
        ...app,
      ],
      {},
      { "/q.conf": "spark.ui.port=1\nspark.ui.port=2\n" },
    );
    assert.equal(s.conf.get(keys.executorInstances), 5);
    assert.equal(s.conf.get(keys.uiPort), 2);
    assert.equal(sourceText(s, "spark.ui.port"), "/q.conf:2");
  });
  it("a missing --properties-file is a usage error", () => {
    throwsUsage(
      () => resolve([...master, "--properties-file", "/nope.conf", ...app]),
      /\/nope\.conf does not exist/,
    );
  });
});

describe("where spark-defaults.conf is found", () => {
  it("uses $SPARK_CONF_DIR first", () => {
    assert.equal(sparkDefaultsPath({ SPARK_CONF_DIR: "/c/", SPARK_HOME: "/h" }), "/c/spark-defaults.conf");
  });
  it("falls back to $SPARK_HOME/conf", () => {
    assert.equal(sparkDefaultsPath({ SPARK_HOME: "/opt/spark" }), "/opt/spark/conf/spark-defaults.conf");
    assert.equal(sparkDefaultsPath({}), undefined);
  });
  it("does not look in $SPARK_HOME/conf when $SPARK_CONF_DIR is set but has no file (as Spark)", () => {
    const s = resolve(
      [...master, ...app],
      { SPARK_CONF_DIR: "/empty", SPARK_HOME: "/h" },
      {
        "/h/conf/spark-defaults.conf": "spark.executor.instances=9\n",
      },
    );
    assert.equal(s.conf.get(keys.executorInstances), 2);
  });
  it("reads $SPARK_HOME/conf/spark-defaults.conf when $SPARK_CONF_DIR is unset", () => {
    const s = resolve(
      [...master, ...app],
      { SPARK_HOME: "/h" },
      { "/h/conf/spark-defaults.conf": "spark.executor.instances=9\n" },
    );
    assert.equal(s.conf.get(keys.executorInstances), 9);
  });
});

describe("non-Spark properties, aliases and typos", () => {
  it("drops keys not starting with spark. with a warning, from --conf and from files", () => {
    const s = resolve(
      [...master, "--properties-file", "/p", "--conf", "foo.bar=1", ...app],
      {},
      { "/p": "hadoop.x=1\n" },
    );
    assert.equal(s.conf.raw("foo.bar"), undefined);
    assert.ok(s.warnings.includes("ignoring non-Spark config property foo.bar (from --conf)"));
    assert.ok(s.warnings.includes("ignoring non-Spark config property hadoop.x (from /p:1)"));
  });
  it("folds the seed's aliases into canonical keys with one deprecation notice each", () => {
    const s = resolve([
      ...master,
      "--conf",
      "spark.Executor.instances=4",
      "--conf",
      "spark.armada.clusterSelectors=armada-spark=true",
      "--conf",
      "spark.armada.Executor.trackerTimeout=60s",
      ...app,
    ]);
    assert.equal(s.conf.get(keys.executorInstances), 4);
    assert.deepEqual([...s.conf.get(keys.nodeSelectors)!], [["armada-spark", "true"]]);
    assert.equal(s.conf.get(keys.executorTrackerTimeout), 60_000);
    assert.equal(s.conf.raw("spark.Executor.instances"), undefined);
    assert.ok(
      s.warnings.includes(
        "spark.Executor.instances (from --conf) is deprecated; use spark.executor.instances",
      ),
    );
    assert.ok(
      s.warnings.includes(
        "spark.armada.clusterSelectors (from --conf) is deprecated; use spark.armada.scheduling.nodeSelectors",
      ),
    );
    assert.equal(s.warnings.filter((w) => w.includes("deprecated")).length, 3);
  });
  it("an alias in a higher-precedence layer overrides the canonical key in a lower one", () => {
    const s = resolve(
      [...master, "--properties-file", "/p", "--conf", "spark.armada.global.labels=a=2", ...app],
      {},
      {
        "/p": "spark.armada.pod.labels=a=1\n",
      },
    );
    assert.equal(s.conf.get(keys.podLabels)!.get("a"), "2");
    assert.equal(sourceText(s, "spark.armada.pod.labels"), "--conf");
  });
  it("warns about near-miss keys with the nearest known key", () => {
    const s = resolve([
      ...master,
      "--conf",
      "spark.executor.instaces=3",
      "--conf",
      "spark.armada.qeue=q",
      ...app,
    ]);
    assert.ok(
      s.warnings.includes(
        "unknown key spark.executor.instaces (from --conf); did you mean spark.executor.instances?",
      ),
    );
    assert.ok(
      s.warnings.includes("unknown key spark.armada.qeue (from --conf); did you mean spark.armada.queue?"),
    );
    assert.equal(s.conf.raw("spark.executor.instaces"), "3");
  });
  it("points out case-only differences, which Spark would silently ignore", () => {
    const s = resolve([...master, "--conf", "spark.executor.Memory=2g", ...app]);
    assert.ok(
      s.warnings.some(
        (w) => w.includes("did you mean spark.executor.memory?") && w.includes("case-sensitive"),
      ),
    );
  });
  it("warns about unknown spark.armada.* keys even without a close match", () => {
    const s = resolve([...master, "--conf", "spark.armada.something.else=1", ...app]);
    assert.ok(s.warnings.some((w) => w.startsWith("unknown key spark.armada.something.else (from --conf)")));
  });
  it("stays quiet about unknown but plausible Spark keys and free-form families", () => {
    const s = resolve([
      ...master,
      "--conf",
      "spark.hadoop.fs.s3a.endpoint=http://x",
      "--conf",
      "spark.sql.parquet.mergeSchema=true",
      "--conf",
      "spark.executorEnv.FOO=bar",
      "--conf",
      "spark.serializer=org.apache.spark.serializer.KryoSerializer",
      ...app,
    ]);
    assert.deepEqual(s.warnings, []);
  });
});

describe("invalid values", () => {
  it("names key, value, flag and expected form for a flag", () => {
    throwsConf(
      () => resolve([...master, "--executor-memory", "2 gigs", ...app]),
      'spark.executor.memory: "2 gigs" (from --executor-memory) is invalid: expected a size such as 512m',
    );
  });
  it("names file and line for a properties-file value", () => {
    throwsConf(
      () =>
        resolve(
          [...master, "--properties-file", "/p.conf", ...app],
          {},
          { "/p.conf": "\n# x\nspark.armada.scheduling.priority = -1\n" },
        ),
      'spark.armada.scheduling.priority: "-1" (from /p.conf:3) is invalid: expected a number >= 0',
    );
  });
  it("validates every key present, not only those the plan reads", () => {
    throwsConf(
      () => resolve([...master, "--conf", "spark.armada.allocation.batchSize=0", ...app]),
      "spark.armada.allocation.batchSize",
      "(from --conf)",
    );
  });
  it("never echoes a secret's value", () => {
    assert.throws(
      () => resolve([...master, "--conf", "spark.armada.oauth.clientSecret=hunter2", ...app]),
      (e: unknown) =>
        e instanceof ConfError &&
        e.message.includes(REDACTED) &&
        !e.message.includes("hunter2") &&
        e.value === REDACTED,
    );
  });
  it("refuses an Armada token given as configuration, without echoing it", () => {
    assert.throws(
      () => resolve([...master, "--conf", "spark.armada.auth.token=tok-123", ...app]),
      (e: unknown) =>
        e instanceof ConfError &&
        e.message.includes("spark.armada.auth.token: <redacted> (from --conf)") &&
        e.message.includes("ARMADA_AUTH_TOKEN") &&
        !e.message.includes("tok-123"),
    );
  });
  it("rejects --conf without '=' naming the flag", () => {
    throwsConf(
      () => resolve([...master, "--conf", "spark.executor.instances", ...app]),
      '--conf: "spark.executor.instances"',
      "key=value",
    );
  });
  it("rejects --supervise as not supported yet", () => {
    throwsConf(
      () => resolve([...master, "--supervise", ...app]),
      "spark.driver.supervise",
      "(from --supervise)",
      "not supported yet",
    );
  });
});

describe("master URL and deploy mode", () => {
  it("takes the master from --master, then spark.master, then env MASTER", () => {
    assert.equal(resolve([...master, ...app]).master.url, "armada://localhost:50051");
    assert.equal(resolve(["--conf", "spark.master=armada://conf:1", ...app]).master.host, "conf");
    assert.equal(resolve(app, { MASTER: "armada+tls://env" }).master.url, "armada+tls://env:50051");
    assert.equal(
      resolve([...master, "--conf", "spark.master=armada://conf:1", ...app]).master.host,
      "localhost",
    );
  });
  it("requires a master, naming the accepted forms", () => {
    throwsUsage(
      () => resolve(app),
      /--master is required: armada:\/\/host:port or armada\+tls:\/\/host:port/,
    );
  });
  it("rejects other masters naming the accepted forms", () => {
    throwsConf(
      () => resolve(["--master", "k8s://https://k:6443", ...app]),
      'spark.master: "k8s://https://k:6443" (from --master)',
      "armada+tls://host:port",
    );
    throwsConf(() => resolve(app, { MASTER: "local[*]" }), "(from environment variable MASTER)");
  });
  it("defaults to cluster mode and rejects client mode as not supported yet", () => {
    const s = resolve([...master, ...app]);
    assert.equal(s.deployMode, "cluster");
    assert.equal(s.conf.raw("spark.submit.deployMode"), "cluster");
    throwsConf(
      () => resolve([...master, "--deploy-mode", "client", ...app]),
      "client deploy mode is not supported yet",
    );
    throwsConf(() => resolve([...master, ...app], { DEPLOY_MODE: "client" }), "not supported yet");
    throwsConf(() => resolve([...master, "--deploy-mode", "yarn", ...app]), "one of cluster, client");
  });
  it("warns that a CA file is ignored with a plaintext master", () => {
    const s = resolve([...master, "--conf", "spark.armada.tls.caFile=/ca.pem", ...app]);
    assert.ok(s.warnings.some((w) => w.includes("spark.armada.tls.caFile") && w.includes("plaintext")));
    assert.deepEqual(
      resolve(["--master", "armada+tls://h", "--conf", "spark.armada.tls.caFile=/ca.pem", ...app]).warnings,
      [],
    );
  });
});

describe("command line forms", () => {
  it("accepts --opt=value for options and --conf", () => {
    const s = resolve([
      "--master=armada://h:1",
      "--executor-memory=3g",
      "--conf=spark.executor.instances=6",
      "--class=org.example.Main",
      "--name=my app",
      "app.jar",
    ]);
    assert.equal(s.master.port, 1);
    assert.equal(s.conf.get(keys.executorMemory), 3 * 2 ** 30);
    assert.equal(s.conf.get(keys.executorInstances), 6);
    assert.equal(s.mainClass, "org.example.Main");
    assert.equal(s.appName, "my app");
  });
  it("maps spark-submit flags to their keys", () => {
    const s = resolve([
      ...master,
      "--jars",
      "a.jar,b.jar",
      "--files",
      "f.txt",
      "--archives",
      "e.zip",
      "--driver-memory",
      "2g",
      "--driver-cores",
      "2",
      "--driver-java-options",
      "-Dx=1",
      "--num-executors",
      "7",
      "--executor-cores",
      "3",
      "--total-executor-cores",
      "21",
      "--queue",
      "batch",
      ...app,
    ]);
    assert.deepEqual(s.conf.get(keys.jars), ["a.jar", "b.jar"]);
    assert.deepEqual(s.conf.get(keys.files), ["f.txt"]);
    assert.deepEqual(s.conf.get(keys.archives), ["e.zip"]);
    assert.equal(s.conf.get(keys.driverMemory), 2 * 2 ** 30);
    assert.equal(s.conf.get(keys.driverCores), 2);
    assert.equal(s.conf.get(keys.driverExtraJavaOptions), "-Dx=1");
    assert.equal(s.conf.get(keys.executorInstances), 7);
    assert.equal(s.conf.get(keys.executorCores), 3);
    assert.equal(s.conf.get(keys.coresMax), 21);
    assert.equal(s.conf.get(keys.queue), "batch");
  });
  it("gives everything after the primary resource to the application, even option-like arguments", () => {
    const s = resolve([...master, "--class", "M", "app.jar", "--conf", "x=y", "--verbose", "-h", "10"]);
    assert.equal(s.primaryResource, "app.jar");
    assert.deepEqual(s.appArgs, ["--conf", "x=y", "--verbose", "-h", "10"]);
    assert.equal(s.conf.raw("x"), undefined);
  });
  it("detects Python applications; --class is then ignored and the name defaults to the file name", () => {
    const s = resolve([...master, "--class", "Ignored", "local:///opt/app/pi.py", "100"]);
    assert.equal(s.language, "python");
    assert.equal(s.mainClass, undefined);
    assert.equal(s.appName, "pi.py");
    assert.equal(s.conf.raw("spark.app.name"), "pi.py");
    assert.ok(s.warnings.includes("--class is ignored for Python applications"));
  });
  it("names a Java application after its main class unless --name or spark.app.name is given", () => {
    assert.equal(resolve([...master, ...app]).appName, "org.example.Main");
    assert.equal(resolve([...master, "--conf", "spark.app.name=x", ...app]).appName, "x");
    assert.equal(resolve([...master, "--conf", "spark.app.name=x", "--name", "y", ...app]).appName, "y");
  });
  it("requires --class for a jar and a primary resource at all", () => {
    throwsUsage(() => resolve([...master, "app.jar"]), /--class is required/);
    throwsUsage(() => resolve([...master, "--class", "M"]), /missing the application/);
  });
  it("reports unknown options with a suggestion and options missing their value", () => {
    throwsUsage(
      () => resolve(["--mastr", "armada://h", ...app]),
      /unrecognized option '--mastr'; did you mean --master\?/,
    );
    throwsUsage(() => resolve([...app.slice(0, 2), "--master"]), /missing argument for option '--master'/);
  });
  it("rejects a value on a switch", () => {
    throwsUsage(() => resolve([...master, "--verbose=false", ...app]), /--verbose takes no value/);
  });
  it("--no-wait turns off watching the driver", () => {
    const s = resolve([...master, "--no-wait", ...app]);
    assert.equal(s.conf.get(keys.driverWatchEnabled), false);
    assert.equal(sourceText(s, "spark.armada.driver.watchEnabled"), "--no-wait");
  });
});

describe("non-submit actions", () => {
  const fs = files({});
  it("--help and --version win over everything before the resource", () => {
    assert.equal(resolveSubmitCommand(["--executor-memory", "bad", "--help"], {}, fs).action, "help");
    assert.equal(resolveSubmitCommand(["-h"], {}, fs).action, "help");
    assert.equal(resolveSubmitCommand(["--version"], {}, fs).action, "version");
  });
  it("--list-keys with -o json", () => {
    assert.deepEqual(resolveSubmitCommand(["--list-keys", "-o", "json"], {}, fs), {
      action: "list-keys",
      output: "json",
    });
  });
  it("keeps the CLI switches apart from the configuration", () => {
    const c = resolveSubmitCommand([...master, "--dry-run", "-o", "json", "-v", ...app], {}, fs);
    assert.equal(c.action, "submit");
    if (c.action !== "submit") return;
    assert.deepEqual(c.options, { verbose: true, dryRun: true, noWait: false, output: "json" });
  });
  it("rejects an unknown output format", () => {
    throwsConf(
      () => resolveSubmitCommand([...master, "-o", "xml", ...app], {}, fs),
      '-o: "xml"',
      "yaml or json",
    );
  });
});
