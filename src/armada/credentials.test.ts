import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CredentialProvider, basicHeader, resolveCredentials } from "./credentials.js";
import { ArmadaError } from "./errors.js";
import { Redactor } from "./redactor.js";

const ctx = {
  name: "c",
  path: "/h/.armadactl.yaml",
  forceNoTls: false,
  basicAuth: { username: "u", password: "ctx-pass" },
};

test("ARMADA_AUTH_TOKEN wins over the auth script and armadactl; the source is named, not the value", () => {
  const c = resolveCredentials({
    env: { ARMADA_AUTH_TOKEN: " tok-123 \n" },
    authScriptPath: "/bin/s",
    armadactl: ctx,
  });
  assert.deepEqual(c, { kind: "bearer", source: "environment variable ARMADA_AUTH_TOKEN", token: "tok-123" });
});

test("the auth script comes before armadactl; armadactl basic auth is the last resort", () => {
  assert.equal(
    resolveCredentials({ env: {}, authScriptPath: "/bin/s", armadactl: ctx }).kind,
    "bearer-command",
  );
  assert.equal(resolveCredentials({ env: {}, armadactl: ctx }).kind, "basic");
  assert.equal(resolveCredentials({ env: {} }).kind, "none");
});

test("basic auth becomes 'basic base64(user:pass)'", async () => {
  const p = new CredentialProvider(
    { kind: "basic", source: "s", username: "u", password: "pw" },
    new Redactor(),
  );
  assert.equal(await p.authorization(), `basic ${Buffer.from("u:pw").toString("base64")}`);
  assert.equal(basicHeader("a", "b"), "basic YTpi");
});

test("the auth script's trimmed stdout is the bearer token, fetched once", async () => {
  const dir = mkdtempSync(join(tmpdir(), "auth-"));
  const script = join(dir, "token.sh");
  const counter = join(dir, "count");
  writeFileSync(script, `#!/bin/sh\necho x >> ${counter}\necho "  script-token-42  "\n`);
  chmodSync(script, 0o755);
  const redactor = new Redactor();
  const p = new CredentialProvider(resolveCredentials({ env: {}, authScriptPath: script }), redactor);
  assert.equal(await p.authorization(), "Bearer script-token-42");
  assert.equal(await p.authorization(), "Bearer script-token-42");
  const { readFileSync } = await import("node:fs");
  assert.equal(readFileSync(counter, "utf8"), "x\n");
  assert.equal(redactor.redact("got script-token-42"), "got <redacted>");
});

test("a failing or silent auth script is a config error naming the key and path", async () => {
  const dir = mkdtempSync(join(tmpdir(), "auth-"));
  const silent = join(dir, "silent.sh");
  writeFileSync(silent, "#!/bin/sh\nexit 0\n");
  chmodSync(silent, 0o755);
  const p = new CredentialProvider(resolveCredentials({ env: {}, authScriptPath: silent }), new Redactor());
  await assert.rejects(p.authorization(), (e: unknown) => {
    assert.ok(e instanceof ArmadaError);
    assert.equal(e.kind, "config");
    assert.match(e.message, /spark\.armada\.auth\.script\.path \(.*silent\.sh\) printed no token/);
    return true;
  });
  const missing = new CredentialProvider(
    resolveCredentials({ env: {}, authScriptPath: join(dir, "nope") }),
    new Redactor(),
  );
  await assert.rejects(
    missing.authorization(),
    /could not get a token from spark\.armada\.auth\.script\.path/,
  );
});

test("armadactl execAuth passes its args and env to the command", async () => {
  const p = new CredentialProvider(
    {
      kind: "bearer-command",
      source: "s",
      command: {
        cmd: "/bin/sh",
        args: ["-c", 'echo "$A-$1"', "sh", "arg"],
        env: [{ name: "A", value: "envval" }],
      },
    },
    new Redactor(),
    { PATH: process.env["PATH"] ?? "" },
  );
  assert.equal(await p.authorization(), "Bearer envval-arg");
});
