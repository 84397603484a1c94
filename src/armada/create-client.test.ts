import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createArmadaClient } from "./create-client.js";
import { ArmadaError } from "./errors.js";

function armadactlConfig(body: string): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "armadactl-"));
  const path = join(dir, "config.yaml");
  writeFileSync(path, body);
  return { ARMADACTL_CONFIG: path };
}

const config =
  "currentContext: main\ncontexts:\n  main:\n    armadaUrl: armada.example.com:443\n    basicAuth:\n      username: u\n      password: pw-secret\n";

test("without --master, armadactl's current context gives the URL (TLS) and the credentials", () => {
  const c = createArmadaClient({ env: armadactlConfig(config), home: "/nonexistent" });
  assert.deepEqual(c.endpoint, {
    url: "armada+tls://armada.example.com:443",
    host: "armada.example.com",
    port: 443,
    tls: true,
  });
  assert.match(c.credentialSource, /armadactl context "main" .* basicAuth/);
});

test("armadactl credentials are not sent to a different --master", () => {
  const c = createArmadaClient({
    master: { url: "armada://other:50051", host: "other", port: 50051, tls: false },
    env: armadactlConfig(config),
  });
  assert.equal(c.endpoint.host, "other");
  assert.match(c.credentialSource, /^nowhere/);
});

test("ARMADA_AUTH_TOKEN wins over the armadactl context", () => {
  const c = createArmadaClient({ env: { ...armadactlConfig(config), ARMADA_AUTH_TOKEN: "t0ken" } });
  assert.equal(c.credentialSource, "environment variable ARMADA_AUTH_TOKEN");
});

test("no --master and no armadactl config is a config error that says what to pass", () => {
  assert.throws(
    () => createArmadaClient({ env: {}, home: mkdtempSync(join(tmpdir(), "home-")) }),
    (e: unknown) =>
      e instanceof ArmadaError && e.kind === "config" && /--master armada:\/\/host:port/.test(e.message),
  );
});

test("a missing CA file is a config error naming the key and the path", () => {
  assert.throws(
    () =>
      createArmadaClient({
        master: { url: "armada+tls://h:1", host: "h", port: 1, tls: true },
        tls: { caFile: "/nonexistent/ca.pem" },
        useArmadactlConfig: false,
        env: {},
      }),
    /spark\.armada\.tls\.caFile.*\/nonexistent\/ca\.pem/,
  );
});
