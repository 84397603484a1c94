import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { readLogChunk } from "./log-chunk.js";

describe("log chunks", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "log-chunk-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("follows a growing log by offset without repeating or losing lines", async () => {
    const file = path.join(dir, "follow.log");
    writeFileSync(file, "one\n");
    const first = await readLogChunk(file, 0);
    assert.equal(first.text, "one\n");
    appendFileSync(file, "two\n");
    const second = await readLogChunk(file, first.nextOffset);
    assert.equal(second.text, "two\n");
    const third = await readLogChunk(file, second.nextOffset);
    assert.equal(third.text, "");
    assert.equal(third.nextOffset, second.nextOffset);
  });

  it("never splits a UTF-8 character between two chunks", async () => {
    const file = path.join(dir, "utf8.log");
    writeFileSync(file, "aé€"); // 1 + 2 + 3 bytes
    const first = await readLogChunk(file, 0, 4); // would cut the euro sign after its first byte
    assert.equal(first.text, "aé");
    const second = await readLogChunk(file, first.nextOffset, 4);
    assert.equal(second.text, "€");
  });

  it("starts a log longer than one chunk at a line boundary near its end and says what it skipped", async () => {
    const file = path.join(dir, "long.log");
    writeFileSync(file, "aaaa\nbbbb\ncccc\n");
    const tail = await readLogChunk(file, undefined, 8);
    assert.equal(tail.text, "cccc\n");
    assert.equal(tail.skipped, 10);
    assert.equal(tail.nextOffset, 15);
  });

  it("reads a log that does not exist yet as empty", async () => {
    const chunk = await readLogChunk(path.join(dir, "missing.log"), undefined);
    assert.deepEqual(chunk, { text: "", nextOffset: 0, size: 0, skipped: 0 });
  });
});
