import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InvalidValue } from "./errors.js";
import {
  annotations,
  armadaMaster,
  bool,
  byteSize,
  containerImage,
  dns1035Label,
  dns1123Label,
  dns1123Subdomain,
  double,
  duration,
  falseOnly,
  int,
  labelKey,
  labels,
  list,
  location,
  oneOf,
  quantity,
  string,
  toMiB,
  url,
  type ValueType,
} from "./value-types.js";

function rejects(type: ValueType<unknown>, raw: string, reason?: RegExp): void {
  assert.throws(
    () => type.parse(raw),
    (e: unknown) => e instanceof InvalidValue && (reason === undefined || reason.test(e.message)),
    `expected ${JSON.stringify(raw)} to be rejected`,
  );
}

describe("duration (Spark time strings)", () => {
  const ms = duration();
  const s = duration({ defaultUnit: "s" });
  it("parses every Spark unit to milliseconds", () => {
    assert.equal(ms.parse("100ms"), 100);
    assert.equal(ms.parse("30s"), 30_000);
    assert.equal(ms.parse("5min"), 300_000);
    assert.equal(ms.parse("2m"), 120_000);
    assert.equal(ms.parse("1h"), 3_600_000);
    assert.equal(ms.parse("1d"), 86_400_000);
    assert.equal(ms.parse("1500us"), 1.5);
  });
  it("is case-insensitive and ignores surrounding blanks, like Spark", () => {
    assert.equal(ms.parse(" 10S "), 10_000);
  });
  it("reads a bare number in the key's default unit", () => {
    assert.equal(ms.parse("250"), 250);
    assert.equal(s.parse("5"), 5000);
  });
  it("rejects unknown units, fractions, blanks inside and negatives", () => {
    rejects(ms, "10sec", /unknown unit "sec"/);
    rejects(ms, "1.5s");
    rejects(ms, "10 s");
    rejects(ms, "-1s", /negative/);
    rejects(ms, "");
  });
  it("enforces a minimum when the key requires a positive duration", () => {
    rejects(duration({ min: 1 }), "0s", /greater than 0/);
  });
});

describe("byteSize (Spark size strings)", () => {
  it("parses units to bytes with binary multiples", () => {
    const b = byteSize();
    assert.equal(b.parse("1k"), 1024);
    assert.equal(b.parse("1kb"), 1024);
    assert.equal(b.parse("512m"), 512 * 2 ** 20);
    assert.equal(b.parse("1G"), 2 ** 30);
    assert.equal(b.parse("2t"), 2 * 2 ** 40);
    assert.equal(b.parse("1p"), 2 ** 50);
    assert.equal(b.parse("100b"), 100);
  });
  it("reads a bare number in the key's default unit", () => {
    assert.equal(byteSize("m").parse("2048"), 2048 * 2 ** 20);
    assert.equal(byteSize("b").parse("2048"), 2048);
  });
  it("rejects fractions (as Spark does), unknown units and junk", () => {
    rejects(byteSize("m"), "1.5g", /fractional/);
    rejects(byteSize("m"), "1gib", /unknown unit/);
    rejects(byteSize("m"), "lots");
    rejects(byteSize("m"), "-1g");
  });
  it("toMiB rounds down as Spark's byteStringAsMb", () => {
    assert.equal(toMiB(byteSize("m").parse("1g")), 1024);
    assert.equal(toMiB(1024 * 1024 + 5), 1);
  });
});

describe("quantity (Kubernetes)", () => {
  const q = quantity();
  it("accepts decimal, binary-SI, milli and exponent forms", () => {
    for (const ok of ["1", "0.5", ".5", "500m", "128Mi", "2Gi", "1k", "2M", "1e3", "1E-3", "+1"])
      assert.equal(q.parse(ok), ok);
  });
  it("rejects negatives, Spark-style sizes and unknown suffixes", () => {
    rejects(q, "-1", /negative/);
    rejects(q, "1g");
    rejects(q, "1GB");
    rejects(q, "1 Gi");
    rejects(q, "abc");
  });
});

describe("labels and annotations", () => {
  it("parses comma-separated key=value labels, trimmed, with prefixed keys and empty values", () => {
    const m = labels().parse(" team=data , example.com/tier=batch,empty=,");
    assert.deepEqual(
      [...m],
      [
        ["team", "data"],
        ["example.com/tier", "batch"],
        ["empty", ""],
      ],
    );
  });
  it("rejects entries without '=', bad names, bad prefixes and long values", () => {
    rejects(labels(), "team", /no '='/);
    rejects(labels(), "bad key=x", /name must be/);
    rejects(labels(), "Bad_Prefix/x=y", /prefix/);
    rejects(labels(), `a=${"v".repeat(64)}`, /longer than 63/);
    rejects(labels(), "a=-starts-with-dash", /value of "a"/);
  });
  it("allows any annotation value but checks annotation keys", () => {
    const m = annotations().parse("example.com/note=hello world: it's fine");
    assert.equal(m.get("example.com/note"), "hello world: it's fine");
    rejects(annotations(), "not a key=x");
  });
  it("labelKey accepts a qualified name and rejects blanks and '='", () => {
    assert.equal(labelKey().parse("topology.kubernetes.io/zone"), "topology.kubernetes.io/zone");
    rejects(labelKey(), "a=b");
    rejects(labelKey(), "");
  });
});

describe("DNS names", () => {
  it("dns1123Label accepts lowercase names and rejects upper case, dots and length > 63", () => {
    assert.equal(dns1123Label().parse("spark-jobs"), "spark-jobs");
    rejects(dns1123Label(), "Spark");
    rejects(dns1123Label(), "a.b");
    rejects(dns1123Label(), "a".repeat(64));
    rejects(dns1123Label(), "-a");
  });
  it("dns1123Subdomain accepts dotted names", () => {
    assert.equal(dns1123Subdomain().parse("armada.high"), "armada.high");
    rejects(dns1123Subdomain(), "armada_high");
  });
  it("dns1035Label requires a leading letter and respects its maximum", () => {
    assert.equal(dns1035Label(10).parse("spark-pi"), "spark-pi");
    rejects(dns1035Label(10), "1spark", /letter/);
    rejects(dns1035Label(10), "abcdefghijk", /longer than 10/);
  });
});

describe("plain values", () => {
  it("url accepts http(s) only", () => {
    assert.equal(url().parse("https://lookout.example.com"), "https://lookout.example.com");
    rejects(url(), "ftp://x", /scheme "ftp"/);
    rejects(url(), "localhost:30000");
  });
  it("location accepts paths and file/http(s) URLs, not local:// (inside the image) or other schemes", () => {
    for (const ok of ["/x/t.yaml", "t.yaml", "file:///x/t.yaml", "https://h/t.yaml"])
      assert.equal(location().parse(ok), ok);
    rejects(location(), "local:///t.yaml", /inside the image/);
    rejects(location(), "s3://bucket/t.yaml", /scheme "s3"/);
    rejects(location(), " ");
  });
  it("int checks syntax and range", () => {
    assert.equal(int({ min: 0 }).parse(" 4 "), 4);
    rejects(int({ min: 0 }), "-1", /less than 0/);
    rejects(int(), "1.0");
    rejects(int(), "four");
    assert.match(int({ min: 1, max: 65535 }).expected, /from 1 to 65535/);
  });
  it("double checks syntax, range and exclusive minimum", () => {
    assert.equal(double().parse("0.25"), 0.25);
    assert.equal(double().parse("1e2"), 100);
    rejects(double({ min: 0 }), "-0.5");
    rejects(double({ min: 0, minExclusive: true }), "0", /greater than 0/);
    rejects(double(), "NaN");
  });
  it("bool accepts true/false in any case, nothing else (Spark's toBoolean)", () => {
    assert.equal(bool().parse("TRUE"), true);
    assert.equal(bool().parse(" false "), false);
    rejects(bool(), "yes");
    rejects(bool(), "1");
  });
  it("string accepts anything unless non-empty is required", () => {
    assert.equal(string().parse(""), "");
    rejects(string({ nonEmpty: true }), "  ");
  });
  it("oneOf is case-sensitive", () => {
    assert.equal(oneOf(["cluster", "client"]).parse("cluster"), "cluster");
    rejects(oneOf(["cluster", "client"]), "Cluster");
  });
  it("list splits on commas, trims and drops empty entries", () => {
    assert.deepEqual(list().parse(" a.jar, ,b.jar,"), ["a.jar", "b.jar"]);
  });
  it("containerImage rejects blanks", () => {
    assert.equal(containerImage().parse("apache/spark:3.5.7"), "apache/spark:3.5.7");
    rejects(containerImage(), "apache/spark 3.5");
    rejects(containerImage(), "");
  });
  it("falseOnly accepts false and rejects true as not supported", () => {
    assert.equal(falseOnly("x").parse("false"), false);
    rejects(falseOnly("the sidecar"), "true", /not supported yet/);
  });
  it("armadaMaster parses the Armada URL forms", () => {
    assert.equal(armadaMaster().parse("armada://h:1").port, 1);
    rejects(armadaMaster(), "k8s://h:1");
  });
});
