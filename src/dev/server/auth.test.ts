import assert from "node:assert/strict";
import { test } from "node:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { authenticate } from "./auth.js";

const auth = {
  anonymous: true,
  users: [{ username: "alice", password: "s3cret" }],
  tokens: [{ token: "tok-123", user: "robot" }],
};
const basic = (u: string, p: string) => `basic ${Buffer.from(`${u}:${p}`).toString("base64")}`;

function code(fn: () => unknown): Code | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return ConnectError.from(e).code;
  }
}

test("no credentials are anonymous when anonymous access is on, else UNAUTHENTICATED", () => {
  assert.equal(authenticate(auth, null).name, "anonymous");
  assert.equal(
    code(() => authenticate({ ...auth, anonymous: false }, null)),
    Code.Unauthenticated,
  );
});

test("basic auth and bearer tokens from the config authenticate their user", () => {
  assert.equal(authenticate(auth, basic("alice", "s3cret")).name, "alice");
  assert.equal(authenticate(auth, "Bearer tok-123").name, "robot");
});

test("bad credentials are UNAUTHENTICATED even when anonymous access is on, and are not echoed", () => {
  for (const header of [
    basic("alice", "wrong"),
    basic("mallory", "s3cret"),
    "Bearer nope",
    "Negotiate abc",
  ]) {
    try {
      authenticate(auth, header);
      assert.fail(`accepted ${header}`);
    } catch (e) {
      const err = ConnectError.from(e);
      assert.equal(err.code, Code.Unauthenticated);
      assert.doesNotMatch(err.message, /wrong|nope|s3cret/);
    }
  }
});
