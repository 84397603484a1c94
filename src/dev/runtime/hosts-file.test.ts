import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { renderHostsFile } from "./hosts-file.js";
import { HostsRegistry } from "./hosts-registry.js";

test("the hosts file lists localhost and the host name on 127.0.0.1, then services by address", () => {
  const text = renderHostsFile("build-7.example.org", [
    { address: "127.1.0.10", names: ["armada-b-0-service-0"] },
    { address: "127.1.0.2", names: ["armada-a-0-service-0", "my-driver"] },
  ]);
  const lines = text.split("\n").filter((l) => l && !l.startsWith("#"));
  assert.deepEqual(lines, [
    "127.0.0.1 localhost build-7.example.org build-7",
    "127.1.0.2 armada-a-0-service-0 my-driver",
    "127.1.0.10 armada-b-0-service-0",
  ]);
});

test("a pod without service names adds no line", () => {
  const text = renderHostsFile("vm", [{ address: "127.1.0.3", names: [] }]);
  assert.ok(!text.includes("127.1.0.3"));
  assert.ok(text.includes("127.0.0.1 localhost vm\n"));
});

test("the registry rewrites the file on every change and leaves no temporary file", () => {
  const dir = mkdtempSync(join(tmpdir(), "hosts-registry-"));
  const registry = new HostsRegistry(join(dir, "hosts"), "vm");
  registry.set("pod-a", "127.1.0.1", ["svc-a", "svc-a"]);
  assert.match(readFileSync(join(dir, "hosts"), "utf8"), /^127\.1\.0\.1 svc-a$/m);
  registry.remove("pod-a");
  assert.doesNotMatch(readFileSync(join(dir, "hosts"), "utf8"), /svc-a/);
  assert.deepEqual(readdirSync(dir), ["hosts"]);
  rmSync(dir, { recursive: true, force: true });
});
