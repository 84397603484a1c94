// TLS to a server built from the official armada-client servicers: a custom CA file and a client
// certificate (mutual TLS), as `armada+tls://` masters with spark.armada.tls.caFile use them.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ArmadaError, createArmadaClient } from "../src/armada/index.js";
import { requireVenv, supportScript, venvPython } from "./support/wire-python.js";

let dir: string;
let server: ChildProcessWithoutNullStreams;
let port: number;

function openssl(...args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
}

/** A throwaway CA, a server certificate for 127.0.0.1/localhost and a client certificate. */
function makeCertificates(): void {
  openssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=test-ca",
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
  );
  writeFileSync(join(dir, "server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  for (const who of ["server", "client"]) {
    openssl(
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-subj",
      `/CN=${who}`,
      "-keyout",
      `${who}.key`,
      "-out",
      `${who}.csr`,
    );
    openssl(
      "x509",
      "-req",
      "-in",
      `${who}.csr`,
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-days",
      "1",
      ...(who === "server" ? ["-extfile", "server.ext"] : []),
      "-out",
      `${who}.pem`,
    );
  }
}

before(async () => {
  requireVenv();
  dir = mkdtempSync(join(tmpdir(), "wire-tls-"));
  makeCertificates();
  server = spawn(venvPython, [
    supportScript("armada_wire_server.py"),
    "--tls",
    join(dir, "server.pem"),
    join(dir, "server.key"),
    join(dir, "ca.pem"),
  ]);
  let stderr = "";
  server.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  port = await new Promise<number>((resolve, reject) => {
    server.once("exit", (code) => reject(new Error(`wire server exited (${code}): ${stderr}`)));
    createInterface({ input: server.stdout }).on("line", (line) => {
      const m = /^LISTENING (\d+)$/.exec(line);
      if (m) resolve(Number(m[1]));
    });
  });
});

after(async () => {
  server.stdin.end();
  if (server.exitCode === null) await new Promise((resolve) => server.once("exit", resolve));
  rmSync(dir, { recursive: true, force: true });
});

const master = () => ({ url: `armada+tls://127.0.0.1:${port}`, host: "127.0.0.1", port, tls: true });
const quickRetry = { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1, multiplier: 1 };

test("TLS with a custom CA file and a client certificate reaches the server", async () => {
  const c = createArmadaClient({
    master: master(),
    tls: { caFile: join(dir, "ca.pem"), certFile: join(dir, "client.pem"), keyFile: join(dir, "client.key") },
    useArmadactlConfig: false,
    env: {},
  });
  await c.health(5_000);
  assert.equal(await c.ensureQueue("tls-q"), "created");
});

test("the server's certificate is not trusted through the system CAs alone", async () => {
  const c = createArmadaClient({ master: master(), useArmadactlConfig: false, env: {}, retry: quickRetry });
  await assert.rejects(
    c.health(5_000),
    (e: unknown) =>
      e instanceof ArmadaError && e.message.includes(master().url) && /verify .*certificate/.test(e.message),
  );
});

test("without the client certificate a mutual-TLS server refuses the connection", async () => {
  const c = createArmadaClient({
    master: master(),
    tls: { caFile: join(dir, "ca.pem") },
    useArmadactlConfig: false,
    env: {},
    retry: quickRetry,
  });
  await assert.rejects(
    c.health(5_000),
    (e: unknown) => e instanceof ArmadaError && e.message.includes(master().url),
  );
});
