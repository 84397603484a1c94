import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  defaultPageSize,
  formatTableQuery,
  jobSetQuery,
  jobsRequestOf,
  parseNestedQuery,
  parseTableQuery,
  pinnedJobSet,
} from "./query-params.js";

// The link `armada-spark submit` prints (reference/armada-api.md, Lookout section).
const printedLink =
  "?page=0&sort[id]=jobId&sort[desc]=true&ps=50&active=false&refresh=true" +
  "&f[0][id]=queue&f[0][value][0]=spark-q&f[0][match]=anyOf" +
  "&f[1][id]=jobSet&f[1][value]=app-123&f[1][match]=startsWith";

describe("Lookout URL query parsing", () => {
  it("reads the printed job-set link into a queue anyOf and a job-set startsWith filter", () => {
    const q = parseTableQuery(printedLink);
    assert.deepEqual(q.filters, [
      { field: "queue", match: "anyOf", value: ["spark-q"] },
      { field: "jobSet", match: "startsWith", value: "app-123" },
    ]);
    assert.deepEqual(q.order, { field: "jobId", direction: "DESC" });
    assert.equal(q.pageIndex, 0);
    assert.equal(q.pageSize, 50);
    assert.equal(q.activeJobSets, false);
    assert.equal(q.autoRefresh, true);
    assert.deepEqual(pinnedJobSet(q), { queue: "spark-q", jobSet: "app-123" });
  });

  it("reads percent-encoded brackets and values as a browser sends them", () => {
    const encoded = "?f%5B0%5D%5Bid%5D=jobSet&f%5B0%5D%5Bvalue%5D=a%20b%26c&f%5B0%5D%5Bmatch%5D=exact";
    assert.deepEqual(parseTableQuery(encoded).filters, [{ field: "jobSet", match: "exact", value: "a b&c" }]);
  });

  it("orders array entries by index, not by their position in the URL", () => {
    assert.deepEqual(parseNestedQuery("a[1]=y&a[0]=x&b[]=p&b[]=q"), { a: ["x", "y"], b: ["p", "q"] });
  });

  it("turns a legacy exact queue filter into anyOf and drops other queue matches, as Lookout does", () => {
    const exact = parseTableQuery("?f[0][id]=queue&f[0][value]=q1&f[0][match]=exact");
    assert.deepEqual(exact.filters, [{ field: "queue", match: "anyOf", value: ["q1"] }]);
    const contains = parseTableQuery("?f[0][id]=queue&f[0][value]=q1&f[0][match]=contains");
    assert.deepEqual(contains.filters, []);
  });

  it("maps table column ids to API fields and annotation columns to annotation filters", () => {
    const q = parseTableQuery(
      "?sort[id]=timeSubmittedUtc&sort[desc]=false&f[0][id]=annotation_armadaproject.io/gangId&f[0][value]=g1&f[0][match]=exact",
    );
    assert.deepEqual(q.order, { field: "submitted", direction: "ASC" });
    assert.deepEqual(q.filters, [
      { field: "armadaproject.io/gangId", match: "exact", value: "g1", isAnnotation: true },
    ]);
  });

  it("keeps only valid job states in a state filter and uses the column's default match when none is given", () => {
    const q = parseTableQuery(
      "?f[0][id]=state&f[0][value][0]=RUNNING&f[0][value][1]=BOGUS&f[1][id]=jobId&f[1][value]=01abc",
    );
    assert.deepEqual(q.filters, [
      { field: "state", match: "anyOf", value: ["RUNNING"] },
      { field: "jobId", match: "exact", value: "01abc" },
    ]);
  });

  it("falls back to Lookout's defaults for malformed paging and sorting", () => {
    const q = parseTableQuery("?page=-3&ps=abc&sort[desc]=true&active=maybe");
    assert.equal(q.pageIndex, 0);
    assert.equal(q.pageSize, defaultPageSize);
    assert.deepEqual(q.order, { field: "jobId", direction: "DESC" });
    assert.equal(q.activeJobSets, false);
  });

  it("asks /api/v1/jobs for one row more than a page, starting at the page", () => {
    const q = parseTableQuery("?page=2&ps=20");
    const r = jobsRequestOf(q);
    assert.equal(r.skip, 40);
    assert.equal(r.take, 21);
  });

  it("writes the same URL format back so a parsed link round-trips", () => {
    const q = jobSetQuery("spark-q", "app 1/ü", "01job");
    const text = formatTableQuery(q);
    assert.match(
      text,
      /^page=0&sort\[id\]=jobId&sort\[desc\]=true&ps=50&active=false&refresh=true&f\[0\]\[id\]=queue/,
    );
    assert.deepEqual(parseTableQuery(text), q);
    assert.deepEqual(
      parseTableQuery(formatTableQuery(parseTableQuery(printedLink))),
      parseTableQuery(printedLink),
    );
  });

  it("pins no job set when the queue filter names several queues or the job set is a contains match", () => {
    assert.equal(
      pinnedJobSet(
        parseTableQuery("?f[0][id]=queue&f[0][value][0]=a&f[0][value][1]=b&f[1][id]=jobSet&f[1][value]=s"),
      ),
      undefined,
    );
    assert.equal(
      pinnedJobSet(
        parseTableQuery(
          "?f[0][id]=queue&f[0][value][0]=a&f[1][id]=jobSet&f[1][value]=s&f[1][match]=contains",
        ),
      ),
      undefined,
    );
  });
});
