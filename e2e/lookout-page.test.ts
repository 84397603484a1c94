// The Lookout page of `armada-spark dev` in a real browser: a Spark-shaped application (a driver
// and two executors in one gang, trivial `sh -c` pods) is submitted over gRPC to the embedded
// Armada; headless Chromium opens the job-set link in Lookout's format and must show the driver
// and its executors running, then succeeded, with their logs. A second application is cancelled
// from the page. Writes e2e/out/lookout.png.
//
// Needs /usr/bin/chromium (scripts/setup-browser.sh installs it).

import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fromJson, type JsonObject } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { JobSubmitRequestSchema, Submit } from "../src/armada/gen/pkg/api/submit_pb.js";
import { mountLookout } from "../src/dev/lookout/mount-lookout.js";
import { formatTableQuery, jobSetQuery } from "../src/dev/lookout/query-params.js";
import { startDevArmada, type DevArmada } from "../src/dev/server/server.js";
import { CliProcess, cliEnv, describeResult } from "./support/cli.js";
import { piSubmitArgs } from "./support/pi-submit.js";
import { prepareSparkAndJars } from "./support/spark-local.js";

const chromiumPath = "/usr/bin/chromium";
const screenshotPath = path.resolve("e2e/out/lookout.png");
const queue = "default";

function container(name: string, script: string) {
  // Quantities in the protobuf JSON form of k8s.io...resource.Quantity.
  const resources = { cpu: { string: "100m" }, memory: { string: "64Mi" } };
  return {
    name,
    image: "busybox",
    command: ["sh", "-c", script],
    resources: { requests: resources, limits: resources },
  };
}

/** A driver and `executors` executors, one gang, shaped like what armada-spark submits. */
function sparkShapedRequest(jobSetId: string, seconds: number, executors: number): JsonObject {
  const gang = {
    "armadaproject.io/gangId": `${jobSetId}-gang`,
    "armadaproject.io/gangCardinality": String(executors + 1),
  };
  const driver = {
    priority: 0,
    namespace: "default",
    clientId: `${jobSetId}-driver`,
    labels: { "spark-role": "driver", "spark-app-name": "lookout-e2e" },
    annotations: gang,
    podSpecs: [
      {
        containers: [
          container(
            "driver",
            `echo "driver started"; sleep ${seconds}; echo "Pi is roughly 3.14"; echo "driver done"`,
          ),
        ],
      },
    ],
  };
  const executorItems = Array.from({ length: executors }, (_, i) => ({
    priority: 0,
    namespace: "default",
    clientId: `${jobSetId}-exec-${i + 1}`,
    labels: { "spark-role": "executor", "spark-exec-id": String(i + 1), "spark-app-name": "lookout-e2e" },
    annotations: gang,
    podSpecs: [
      {
        initContainers: [container("wait-for-driver", "echo waiting for driver")],
        containers: [
          container(
            "executor",
            `echo "executor ${i + 1} started"; sleep ${seconds}; echo "executor ${i + 1} done"`,
          ),
        ],
      },
    ],
  }));
  return { queue, jobSetId, jobRequestItems: [driver, ...executorItems] };
}

describe("Lookout page of the embedded Armada", () => {
  let dev: DevArmada;
  let browser: BrowserContext;
  let page: Page;
  let userDataDir: string;
  let submit: ReturnType<typeof createClient<typeof Submit>>;

  before(async () => {
    assert.ok(existsSync(chromiumPath), `${chromiumPath} is missing: run scripts/setup-browser.sh`);
    dev = await startDevArmada({ ephemeral: true, port: 0, lookoutPort: 0 });
    mountLookout(dev);
    submit = createClient(Submit, createGrpcTransport({ baseUrl: `http://${dev.grpcAddress}` }));
    userDataDir = mkdtempSync(path.join(os.tmpdir(), "lookout-e2e-chromium-"));
    // A fresh profile per run (playwright passes it to Chromium as --user-data-dir).
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      viewport: { width: 1400, height: 1000 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = await browser.newPage();
  });

  after(async () => {
    await browser?.close();
    await dev?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it("shows the driver and its executors of a running application, then their success and logs", async () => {
    const jobSetId = `lookout-e2e-${Date.now()}`;
    const response = await submit.submitJobs(
      fromJson(JobSubmitRequestSchema, sparkShapedRequest(jobSetId, 4, 2)),
    );
    const [driverId, ...executorIds] = response.jobResponseItems.map((r) => {
      assert.equal(r.error, "");
      return r.jobId;
    });

    // The link `armada-spark submit` prints, in Lookout's URL format.
    const url = `${dev.lookoutUrl}/?${formatTableQuery(jobSetQuery(queue, jobSetId))}`;
    await page.goto(url);

    const driverCard = page.locator(`article.member[data-role="driver"][data-job-id="${driverId}"]`);
    const executorCards = page.locator('article.member[data-role="executor"]');
    await driverCard.waitFor();
    assert.equal(await executorCards.count(), 2);
    assert.deepEqual(
      await executorCards.evaluateAll((cards) => cards.map((c) => c.getAttribute("data-job-id"))),
      executorIds,
    );
    // While the pods sleep, the page shows them running on a node.
    await page
      .locator(`article.member[data-role="driver"][data-state="RUNNING"]`)
      .waitFor({ timeout: 30_000 });
    assert.notEqual((await driverCard.locator('[data-field="node"]').textContent())?.trim(), "—");

    // Then all three succeed, with exit code 0, and the page says so without a reload.
    await page.locator('article.member[data-state="SUCCEEDED"]').nth(2).waitFor({ timeout: 60_000 });
    for (const id of [driverId, ...executorIds]) {
      const card = page.locator(`article.member[data-job-id="${id}"]`);
      assert.equal(await card.getAttribute("data-state"), "SUCCEEDED");
      assert.equal((await card.locator('[data-field="exit-code"]').textContent())?.trim(), "0");
    }
    assert.equal(
      await page.locator(".app-head [data-state]").first().getAttribute("data-state"),
      "SUCCEEDED",
    );

    // The driver's log was followed to its end.
    await page.locator('pre.log[data-done="true"]').waitFor({ timeout: 15_000 });
    const logText = await page.locator("pre.log").textContent();
    assert.match(logText ?? "", /driver started[\s\S]*Pi is roughly 3\.14[\s\S]*driver done/);

    // The timeline has every member's success; the table lists the three jobs.
    assert.equal(await page.locator('.timeline li[data-kind="succeeded"]').count(), 3);
    assert.equal(await page.locator("table.jobs tbody tr[data-job-id]").count(), 3);

    // An executor's logs: its main container, not the init container.
    await page.locator(`article.member[data-job-id="${executorIds[0]}"] button`).click();
    await page.locator("pre.log", { hasText: "executor 1 done" }).waitFor({ timeout: 15_000 });

    // Other tools read the same through Lookout's REST endpoints.
    const api = async (endpoint: string, body: unknown) => {
      const res = await fetch(`${dev.lookoutUrl}${endpoint}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      assert.equal(res.status, 200);
      return (await res.json()) as Record<string, unknown>;
    };
    const filters = [
      { field: "queue", match: "anyOf", value: [queue] },
      { field: "jobSet", match: "exact", value: jobSetId },
    ];
    const { jobs } = await api("/api/v1/jobs", {
      filters,
      order: { field: "submitted", direction: "ASC" },
      skip: 0,
      take: 10,
    });
    const states = (jobs as Array<{ jobId: string; state: string; exitCode: number; runs: unknown[] }>).map(
      (j) => [j.jobId, j.state, j.exitCode, j.runs.length],
    );
    assert.deepEqual(states.sort(), [driverId, ...executorIds].map((id) => [id, "SUCCEEDED", 0, 1]).sort());
    const { groups } = await api("/api/v1/jobGroups", {
      filters,
      order: { field: "count", direction: "DESC" },
      groupedField: { field: "jobSet", isAnnotation: false },
      aggregates: ["state"],
    });
    assert.deepEqual(
      (groups as Array<{ name: string; count: number; aggregates: { state: Record<string, number> } }>).map(
        (g) => [g.name, g.count, g.aggregates.state.SUCCEEDED],
      ),
      [[jobSetId, 3, 3]],
    );
    assert.equal(await (await fetch(`${dev.lookoutUrl}/health`)).text(), "OK");

    mkdirSync(path.dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });
  });

  it("opens the Lookout link armada-spark-submit prints for a real Pi run: driver and both executors, then success", async () => {
    prepareSparkAndJars();
    const jobSetId = `lookout-pi-${Date.now()}`;
    const submitting = new CliProcess(
      "armada-spark-submit",
      piSubmitArgs({
        master: `armada://${dev.grpcAddress}`,
        jobSetId,
        name: "lookout-pi",
        extraConf: [`spark.armada.lookouturl=${dev.lookoutUrl}`],
        appArgs: ["20"],
      }),
      cliEnv(),
    );
    // The link is printed right after submission, while the application starts.
    let url: string | undefined;
    for (let waited = 0; url === undefined && waited < 60_000; waited += 100) {
      url = /^Lookout: (\S+)$/m.exec(submitting.stdout)?.[1];
      if (url === undefined) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(url, `no Lookout link printed:\n${submitting.stdout}\n${submitting.stderr}`);
    await page.goto(url);
    await page.locator('article.member[data-role="driver"]').waitFor();
    assert.equal(await page.locator('article.member[data-role="executor"]').count(), 2);
    await page.locator('article.member[data-state="SUCCEEDED"]').nth(2).waitFor({ timeout: 180_000 });
    const result = await submitting.exit(60_000);
    assert.equal(result.code, 0, describeResult(result));
    await page.locator('pre.log[data-done="true"]').waitFor({ timeout: 15_000 });
    assert.match((await page.locator("pre.log").textContent()) ?? "", /Pi is roughly 3\.1/);
    await page.screenshot({ path: screenshotPath.replace(/\.png$/, "-pi.png"), fullPage: true });
  });

  it("opens a job from /jobs/<jobId> and cancels its application from the page", async () => {
    const jobSetId = `lookout-e2e-cancel-${Date.now()}`;
    const response = await submit.submitJobs(
      fromJson(JobSubmitRequestSchema, sparkShapedRequest(jobSetId, 120, 1)),
    );
    const [driverId, executorId] = response.jobResponseItems.map((r) => r.jobId);

    await page.goto(`${dev.lookoutUrl}/jobs/${executorId}`);
    // Redirected to the job set's table with the job's details open, as Lookout does.
    assert.match(page.url(), new RegExp(`f\\[1\\]\\[value\\]=${jobSetId}.*sb=${executorId}`));
    await page.locator(`article.member.selected[data-job-id="${executorId}"]`).waitFor();
    await page
      .locator(`article.member[data-job-id="${driverId}"][data-state="RUNNING"]`)
      .waitFor({ timeout: 30_000 });

    const cancel = page.locator("#cancel-application");
    await cancel.click();
    await cancel.click(); // the second click confirms
    await page.locator('article.member[data-state="CANCELLED"]').nth(1).waitFor({ timeout: 30_000 });
    assert.equal(
      await page.locator(".app-head [data-state]").first().getAttribute("data-state"),
      "CANCELLED",
    );
    assert.equal(await cancel.isHidden(), true);
  });
});
