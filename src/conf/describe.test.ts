import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeSubmission, formatKeyListing, describeKey } from "./describe.js";
import { keys } from "./keys.js";
import { resolveSubmission } from "./resolve.js";

describe("--verbose description", () => {
  const s = resolveSubmission(
    [
      "--master",
      "armada+tls://armada.example.com:443",
      "--conf",
      "spark.hadoop.fs.s3a.secret.key=s3cr3t",
      "--conf",
      "spark.authenticate.secret=sekrit",
      "--conf",
      "spark.myapp.dbPassword=pw123",
      "--conf",
      "spark.executor.extraJavaOptions=-Dspark.authenticate.secret=inline9 -Dx=1",
      "--properties-file",
      "/p.conf",
      "--class",
      "org.example.Main",
      "app.jar",
      "a1",
      "-Dspark.db.password=argpw7",
    ],
    {},
    (p) => (p === "/p.conf" ? "spark.executor.instances=3\n" : undefined),
  );
  const text = describeSubmission(s);
  it("lists every property with its source", () => {
    assert.match(text, /spark\.executor\.instances\s+= 3 {2}\[\/p\.conf:1\]/);
    assert.match(text, /spark\.master\s+= armada\+tls:\/\/armada\.example\.com:443 {2}\[--master\]/);
    assert.match(text, /spark\.app\.name\s+= org\.example\.Main {2}\[default\]/);
    assert.match(text, /master\s+armada\+tls:\/\/armada\.example\.com:443 \(TLS\)/);
  });
  it("redacts secrets by name, also as -D options inside other values", () => {
    for (const secret of ["s3cr3t", "sekrit", "pw123", "inline9", "argpw7"])
      assert.ok(!text.includes(secret), secret);
    assert.match(text, /-Dspark\.authenticate\.secret=<redacted> -Dx=1/);
    assert.match(text, /spark\.hadoop\.fs\.s3a\.secret\.key\s+= <redacted>/);
    assert.match(text, /spark\.myapp\.dbPassword\s+= <redacted>/);
  });
});

describe("key listing", () => {
  it("shows expected form, default and aliases", () => {
    const text = formatKeyListing([describeKey(keys.executorInstances)]);
    assert.match(text, /^spark\.executor\.instances\n/);
    assert.match(text, /expects: a whole number >= 0/);
    assert.match(text, /default: 2/);
    assert.match(text, /deprecated aliases: spark\.Executor\.instances/);
  });
});
