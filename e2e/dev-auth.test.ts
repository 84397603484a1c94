// `armada-spark dev` authentication with the official Python client: basic auth and bearer
// tokens from the configuration file; wrong or (with anonymous access off) missing credentials
// are UNAUTHENTICATED.
import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveConfig } from "../src/dev/server/config.js";
import { startDevArmada } from "../src/dev/server/server.js";
import { runPython } from "./support/wire-python.js";

test("with users and tokens configured, good credentials pass, bad ones are UNAUTHENTICATED", async () => {
  const config = resolveConfig(
    {
      auth: {
        anonymous: false,
        users: [{ username: "alice", password: "pw-1" }],
        tokens: [{ token: "tok-1", user: "bot" }],
      },
    },
    "dev-auth",
  );
  const dev = await startDevArmada({ ephemeral: true, port: 0, lookoutPort: 0, config });
  try {
    const codes = JSON.parse(
      await runPython("dev_client.py", [dev.grpcAddress, "auth", "alice", "pw-1", "tok-1"]),
    ) as Record<string, string>;
    assert.deepEqual(codes, {
      none: "UNAUTHENTICATED",
      basic: "OK",
      badPassword: "UNAUTHENTICATED",
      bearer: "OK",
      badBearer: "UNAUTHENTICATED",
    });
  } finally {
    await dev.close();
  }
});
