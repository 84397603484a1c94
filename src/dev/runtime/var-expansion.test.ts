import assert from "node:assert/strict";
import { test } from "node:test";
import { expandVars } from "./var-expansion.js";

const vars: Record<string, string> = { HOST: "driver", PORT: "7078", EMPTY: "" };
const expand = (s: string): string => expandVars(s, (name) => vars[name]);

test("$(VAR) is replaced by the variable's value", () => {
  assert.equal(expand("spark://$(HOST):$(PORT)"), "spark://driver:7078");
  assert.equal(expand("[$(EMPTY)]"), "[]");
});

test("an undefined $(VAR) stays as written", () => {
  assert.equal(expand("$(NOPE)/x"), "$(NOPE)/x");
});

test("$$ escapes a dollar, so $$(VAR) is literal", () => {
  assert.equal(expand("$$(HOST)"), "$(HOST)");
  assert.equal(expand("cost $$5"), "cost $5");
});

test("shell syntax that is not $(...) passes through untouched", () => {
  assert.equal(expand("echo $HOST ${PORT} $"), "echo $HOST ${PORT} $");
  assert.equal(expand("unclosed $(HOST"), "unclosed $(HOST");
});
