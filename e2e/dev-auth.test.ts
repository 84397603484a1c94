// `armada-spark dev` authentication with the official Python client: basic auth and bearer
// tokens from the configuration file; wrong or (with anonymous access off) missing credentials
// are UNAUTHENTICATED.
import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveConfig } from "../src/dev/server/config.js";
import { startDevArmada } from "../src/dev/server/server.js";
import { devClient } from "./support/wire-python.js";

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
    const codes = await devClient<Record<string, string>>(dev.grpcAddress, "auth", "alice", "pw-1", "tok-1");
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
