import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UsageError } from "./errors.js";
import { parseProperties } from "./properties-file.js";

const parse = (text: string) => parseProperties(text, "/conf/spark-defaults.conf");

describe("Java properties-file syntax", () => {
  it("accepts key=value, key: value and key value separators", () => {
    const entries = parse("a=1\nb: 2\nc 3\nd\t\t4\ne = 5\n");
    assert.deepEqual(
      entries.map((e) => [e.key, e.value]),
      [
        ["a", "1"],
        ["b", "2"],
        ["c", "3"],
        ["d", "4"],
        ["e", "5"],
      ],
    );
  });
  it("skips # and ! comments and blank lines, keeping real line numbers", () => {
    const entries = parse("# comment\n\n! other\n   \nspark.a=1\n  # indented comment\nspark.b=2\n");
    assert.deepEqual(
      entries.map((e) => [e.key, e.line]),
      [
        ["spark.a", 5],
        ["spark.b", 7],
      ],
    );
  });
  it("joins continuation lines, skipping their leading blanks, and reports the first line", () => {
    const entries = parse("x=1\nspark.jars=a.jar,\\\n    b.jar,\\\n    c.jar\ny=2\n");
    assert.deepEqual(entries[1], { key: "spark.jars", value: "a.jar,b.jar,c.jar", line: 2 });
    assert.equal(entries[2]!.line, 5);
  });
  it("does not continue a line ending in an escaped backslash", () => {
    const entries = parse("path=C:\\\\dir\\\\\nnext=1\n");
    assert.equal(entries[0]!.value, "C:\\dir\\");
    assert.equal(entries[1]!.key, "next");
  });
  it("unescapes \\t, \\n, \\uXXXX, escaped separators in keys and other escaped characters", () => {
    const [e] = parse("my\\=key\\ x=tab\\there\\nnewline \\u00e9 \\q");
    assert.equal(e!.key, "my=key x");
    assert.equal(e!.value, "tab\there\nnewline é q");
  });
  it("handles CRLF and CR line endings and a UTF-8 byte order mark", () => {
    const entries = parse("\uFEFFa=1\r\nb=2\rc=3");
    assert.deepEqual(
      entries.map((e) => [e.key, e.value, e.line]),
      [
        ["a", "1", 1],
        ["b", "2", 2],
        ["c", "3", 3],
      ],
    );
  });
  it("trims values as Spark does, and keeps a key with no value as empty", () => {
    const entries = parse("a =   spaced value   \nlonely\n");
    assert.equal(entries[0]!.value, "spaced value");
    assert.deepEqual(entries[1], { key: "lonely", value: "", line: 2 });
  });
  it("keeps duplicate keys in order (the last one wins when applied)", () => {
    assert.deepEqual(
      parse("a=1\na=2\n").map((e) => e.value),
      ["1", "2"],
    );
  });
  it("reports a malformed \\u escape with file and line", () => {
    assert.throws(
      () => parse("ok=1\nbad=\\u12\n"),
      (e: unknown) => e instanceof UsageError && e.message.includes("/conf/spark-defaults.conf:2"),
    );
  });
});
