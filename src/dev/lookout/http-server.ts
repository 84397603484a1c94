// The embedded Armada's Lookout: HTTP routes for the pages, their assets, Lookout's REST
// endpoints and the few extra endpoints the application view needs (application, logs, cancel).
// `handle` is mounted on the embedded Armada's Lookout port (DevArmada.mountHttp).

import type { IncomingMessage, ServerResponse } from "node:http";
import { applicationView } from "./application-view.js";
import type { CancelJobs, LogFiles, LookoutDataSource } from "./data-source.js";
import { readLogChunk } from "./log-chunk.js";
import { activeJobStates } from "./lookout-types.js";
import { jobsPage, notFoundPage } from "./pages.js";
import { formatTableQuery, jobSetQuery, parseTableQuery } from "./query-params.js";
import { json, LookoutRestApi, type ApiResponse } from "./rest-api.js";
import { loadAssets, type StaticAsset } from "./static-assets.js";

const maxBodyBytes = 1024 * 1024;

export interface LookoutServerOptions {
  readonly source: LookoutDataSource;
  /** Cancels jobs (the server's own cancel logic); absent = the page offers no cancel. */
  readonly cancel?: CancelJobs;
  readonly logs: LogFiles;
  readonly now?: () => number;
  readonly assets?: ReadonlyMap<string, StaticAsset>;
}

export interface LookoutServer {
  /** Answers the Lookout paths and resolves true; resolves false for any other path, so it
   * can be mounted next to other handlers (DevArmada.mountHttp). */
  readonly handle: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, r: ApiResponse, headers: Record<string, string> = {}): void {
  res.writeHead(r.status, { "content-type": r.contentType, "cache-control": "no-store", ...headers });
  res.end(r.body);
}

function html(status: number, body: string): ApiResponse {
  return { status, contentType: "text/html; charset=utf-8", body };
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new HttpError(413, `request body larger than ${maxBodyBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "request body is not valid JSON");
  }
}

export function createLookoutServer(options: LookoutServerOptions): LookoutServer {
  const now = options.now ?? Date.now;
  const api = new LookoutRestApi(options.source, now);
  const assets = options.assets ?? loadAssets();

  function serveAsset(req: IncomingMessage, res: ServerResponse, asset: StaticAsset): void {
    if (req.headers["if-none-match"] === asset.etag) {
      res.writeHead(304, { etag: asset.etag });
      res.end();
      return;
    }
    res.writeHead(200, { "content-type": asset.contentType, etag: asset.etag, "cache-control": "no-cache" });
    res.end(asset.body);
  }

  async function logs(url: URL): Promise<ApiResponse> {
    const jobId = url.searchParams.get("jobId") ?? "";
    const container = url.searchParams.get("container") ?? "";
    const job = options.source.getJob(jobId);
    if (!job) return json(404, { error: `job ${jobId} not found` });
    if (!job.containers.includes(container)) {
      return json(404, {
        error: `job ${jobId} has no container ${JSON.stringify(container)}; it has ${job.containers.join(", ")}`,
      });
    }
    const offsetText = url.searchParams.get("offset");
    const offset = offsetText !== null && /^\d+$/.test(offsetText) ? Number(offsetText) : undefined;
    const path = options.logs.logPath(jobId, container);
    const ended = !activeJobStates.has(job.state);
    if (!path) return json(200, { text: "", nextOffset: offset ?? 0, size: 0, skipped: 0, done: ended });
    const chunk = await readLogChunk(path, offset);
    return json(200, { ...chunk, done: ended && chunk.nextOffset >= chunk.size });
  }

  async function cancel(req: IncomingMessage): Promise<ApiResponse> {
    if (!options.cancel) return json(501, { error: "cancelling is not available on this server" });
    // A JSON content type cannot be sent cross-origin without a CORS preflight, which this
    // server never grants: other web pages cannot cancel jobs.
    if (!(req.headers["content-type"] ?? "").startsWith("application/json")) {
      return json(415, { error: "cancel expects Content-Type: application/json" });
    }
    const body = (await readJsonBody(req)) as Record<string, unknown>;
    const queue = typeof body.queue === "string" ? body.queue : "";
    const jobSet = typeof body.jobSet === "string" ? body.jobSet : "";
    if (!queue || !jobSet) return json(400, { error: "cancel needs queue and jobSet" });
    const jobIds = Array.isArray(body.jobIds)
      ? body.jobIds.filter((j): j is string => typeof j === "string")
      : [];
    const reason = typeof body.reason === "string" ? body.reason.slice(0, 50) : "cancelled from Lookout";
    await options.cancel({ queue, jobSet, jobIds, reason });
    return json(200, { queue, jobSet, jobIds });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://lookout.invalid");
    const method = req.method ?? "GET";
    const path = url.pathname;

    const asset = assets.get(path);
    if (asset && (method === "GET" || method === "HEAD")) {
      serveAsset(req, res, asset);
      return true;
    }
    const answer = await respond(req, url, method);
    if (!answer) return false;
    if ("location" in answer) {
      res.writeHead(302, { location: answer.location });
      res.end();
    } else {
      send(res, answer);
    }
    return true;
  }

  async function respond(
    req: IncomingMessage,
    url: URL,
    method: string,
  ): Promise<ApiResponse | { location: string } | undefined> {
    const path = url.pathname;
    if (path === "/health" || path.startsWith("/api/v1/")) {
      const body = method === "POST" ? await readJsonBody(req) : undefined;
      return api.handle(method, path, body);
    }
    if (path === "/api/dev/application" && method === "GET") {
      const view = applicationView(
        options.source,
        url.searchParams.get("queue") ?? "",
        url.searchParams.get("jobSet") ?? "",
        now(),
      );
      return view
        ? json(200, { ...view, canCancel: options.cancel !== undefined })
        : json(404, { error: "no such job set" });
    }
    if (path === "/api/dev/logs" && method === "GET") return logs(url);
    if (path === "/api/dev/cancel" && method === "POST") return cancel(req);
    if (path === "/" && (method === "GET" || method === "HEAD"))
      return html(200, jobsPage(parseTableQuery(url.search)));
    const jobMatch = /^\/jobs\/([^/]+)\/?$/.exec(path);
    if (jobMatch && (method === "GET" || method === "HEAD")) {
      const jobId = decodeURIComponent(jobMatch[1]!);
      const job = options.source.getJob(jobId);
      if (!job) return html(404, notFoundPage(`No job ${jobId} on this embedded Armada.`));
      // As Lookout does: a job's link opens the table of its job set with the job's details.
      return { location: `/?${formatTableQuery(jobSetQuery(job.queue, job.jobSet, job.jobId))}` };
    }
    return undefined;
  }

  function fail(res: ServerResponse, e: unknown): void {
    const status = e instanceof HttpError ? e.status : 500;
    if (!res.headersSent) send(res, json(status, { error: (e as Error).message }));
    else res.destroy();
  }

  const handle = (req: IncomingMessage, res: ServerResponse): Promise<boolean> =>
    route(req, res).catch((e: unknown) => {
      fail(res, e);
      return true;
    });

  return { handle };
}
