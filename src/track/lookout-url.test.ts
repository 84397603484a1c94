import assert from "node:assert/strict";
import test from "node:test";
import { lookoutJobSetUrl, lookoutJobUrl } from "./lookout-url.js";

test("job set link has Lookout's filter format with queue and job set", () => {
  assert.equal(
    lookoutJobSetUrl("http://localhost:30000/", "default", "spark-pi-1"),
    "http://localhost:30000/?page=0&sort[id]=jobId&sort[desc]=true&ps=50&active=false&refresh=true" +
      "&f[0][id]=queue&f[0][value][0]=default&f[0][match]=anyOf" +
      "&f[1][id]=jobSet&f[1][value]=spark-pi-1&f[1][match]=startsWith",
  );
});

test("values are URL-encoded and the job link names the job", () => {
  assert.match(lookoutJobSetUrl("http://l", "a b", "x&y"), /value\]\[0\]=a%20b&.*value\]=x%26y&/);
  assert.equal(lookoutJobUrl("https://lookout.example", "01abc"), "https://lookout.example/jobs/01abc");
});
