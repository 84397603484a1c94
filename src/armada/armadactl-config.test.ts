import { test } from "node:test";
import assert from "node:assert/strict";
import { armadactlConfigPath, parseArmadactlConfig } from "./armadactl-config.js";

const text = `
currentContext: prod
contexts:
  dev:
    armadaUrl: localhost:50051
  prod:
    armadaUrl: armada.example.com:443
    forceNoTls: false
    execAuth:
      cmd: /usr/bin/get-token
      args: ["--audience", "armada"]
      env:
        - name: TOKEN_PROFILE
          value: batch
`;

test("the current context's URL and execAuth are read", () => {
  assert.deepEqual(parseArmadactlConfig(text, "/h/.armadactl.yaml"), {
    name: "prod",
    path: "/h/.armadactl.yaml",
    armadaUrl: "armada.example.com:443",
    forceNoTls: false,
    execAuth: {
      cmd: "/usr/bin/get-token",
      args: ["--audience", "armada"],
      env: [{ name: "TOKEN_PROFILE", value: "batch" }],
    },
  });
});

test("basicAuth and forceNoTls are read", () => {
  const ctx = parseArmadactlConfig(
    "currentContext: a\ncontexts:\n  a:\n    armadaUrl: h:1\n    forceNoTls: true\n    basicAuth:\n      username: u\n      password: p4ss\n",
    "f",
  );
  assert.equal(ctx?.forceNoTls, true);
  assert.deepEqual(ctx?.basicAuth, { username: "u", password: "p4ss" });
});

test("a file without currentContext yields no context; a dangling one is an error naming the file", () => {
  assert.equal(parseArmadactlConfig("armadaUrl: x:1\n", "f"), undefined);
  assert.throws(
    () => parseArmadactlConfig("currentContext: x\ncontexts: {}\n", "/c.yaml"),
    /\/c.yaml: currentContext "x"/,
  );
  assert.throws(() => parseArmadactlConfig("a: [\n", "/c.yaml"), /\/c.yaml: not valid YAML/);
});

test("ARMADACTL_CONFIG overrides ~/.armadactl.yaml", () => {
  assert.equal(armadactlConfigPath({}, "/home/u"), "/home/u/.armadactl.yaml");
  assert.equal(armadactlConfigPath({ ARMADACTL_CONFIG: "/etc/a.yaml" }, "/home/u"), "/etc/a.yaml");
});

test("the yaml package is loaded only when an armadactl config is parsed (it slows every submit)", async () => {
  // A fresh process: the tests above have loaded it into this one.
  const { spawnSync } = await import("node:child_process");
  const script = `
    import { createRequire } from "node:module";
    const cache = createRequire(import.meta.url).cache;
    const yamlLoaded = () => Object.keys(cache).some((k) => k.includes("/node_modules/yaml/"));
    await import(${JSON.stringify(new URL("./create-client.js", import.meta.url).href)});
    const before = yamlLoaded();
    const { parseArmadactlConfig } = await import(${JSON.stringify(new URL("./armadactl-config.js", import.meta.url).href)});
    const name = parseArmadactlConfig("currentContext: a\\ncontexts:\\n  a: {}\\n", "f")?.name;
    console.log(JSON.stringify({ before, after: yamlLoaded(), name }));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { before: false, after: true, name: "a" });
});
