import { test } from "node:test";
import assert from "node:assert/strict";
import { keys } from "../conf/keys.js";
import { redactJavaOptions } from "../conf/secrets.js";
import { redactedSubmission, redactedTemplates, scrubSecretValues } from "./redact.js";
import { seedWith } from "./test-support.js";

test("secret-named keys read as <redacted>, other keys unchanged, the original untouched", () => {
  const sub = seedWith({
    "spark.foo.password": "hunter2",
    "spark.hadoop.fs.s3a.access.token": "tok",
    "spark.executorEnv.AWS_SECRET_ACCESS_KEY": "k",
    "spark.sql.shuffle.partitions": "7",
  });
  const red = redactedSubmission(sub);
  assert.equal(red.conf.raw("spark.foo.password"), "<redacted>");
  assert.equal(red.conf.raw("spark.hadoop.fs.s3a.access.token"), "<redacted>");
  assert.equal(red.conf.get(keys.executorMemory), 1024 * 2 ** 20);
  const entries = Object.fromEntries(red.conf.entries().map((e) => [e.name, e.value]));
  assert.equal(entries["spark.executorEnv.AWS_SECRET_ACCESS_KEY"], "<redacted>");
  assert.equal(entries["spark.sql.shuffle.partitions"], "7");
  assert.equal(sub.conf.raw("spark.foo.password"), "hunter2");
});

test("-D options with secret keys are redacted inside free text such as extraJavaOptions", () => {
  assert.equal(
    redactJavaOptions(`-Xss4m -Dspark.ssl.keyPassword=pw -Dx.token="a b" -Dplain=1`),
    `-Xss4m -Dspark.ssl.keyPassword=<redacted> -Dx.token=<redacted> -Dplain=1`,
  );
  const sub = seedWith({ "spark.executor.extraJavaOptions": "-Dmy.password=pw -Da=b" });
  assert.equal(
    redactedSubmission(sub).conf.get(keys.executorExtraJavaOptions),
    "-Dmy.password=<redacted> -Da=b",
  );
});

test("template env vars with secret names are redacted", () => {
  const t = redactedTemplates({
    executorItem: {
      file: "f",
      value: {
        podSpecs: [
          {
            containers: [
              {
                name: "executor",
                env: [
                  { name: "DB_PASSWORD", value: "pw" },
                  { name: "PLAIN", value: "v" },
                ],
              },
            ],
          },
        ],
      },
    },
  });
  assert.deepEqual(t.executorItem!.value, {
    podSpecs: [
      {
        containers: [
          {
            name: "executor",
            env: [
              { name: "DB_PASSWORD", value: "<redacted>" },
              { name: "PLAIN", value: "v" },
            ],
          },
        ],
      },
    ],
  });
});

test("rendered text is scrubbed of any secret value that still slipped through", () => {
  const sub = seedWith({ "spark.foo.secret": "s3cr3tvalue" });
  assert.equal(scrubSecretValues("a s3cr3tvalue b s3cr3tvalue", sub.conf), "a <redacted> b <redacted>");
});
