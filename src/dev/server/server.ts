// `startDevArmada`: the embedded Armada as a gRPC server (connect-node over h2c with the gRPC
// protocol, so Armada's own clients such as the Python armada-client work unchanged), plus the
// Lookout HTTP port where other parts mount their pages.

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { Binoculars } from "../../armada/gen/pkg/api/binoculars/binoculars_pb.js";
import { Event } from "../../armada/gen/pkg/api/event_pb.js";
import { Jobs } from "../../armada/gen/pkg/api/job_pb.js";
import { QueueService, Submit } from "../../armada/gen/pkg/api/submit_pb.js";
import { createPodRuntime, type PodRuntime } from "../runtime/pod-runtime.js";
import { authInterceptor } from "./auth.js";
import { binocularsService } from "./binoculars-service.js";
import { defaultConfig, type DevConfig } from "./config.js";
import { EmbeddedArmada } from "./embedded-armada.js";
import { eventService } from "./event-service.js";
import { jobsService } from "./jobs-service.js";
import { queueService } from "./queue-service.js";
import { lockStateDir } from "./state-lock.js";
import { Store } from "./store.js";
import { submitService } from "./submit-service.js";

export const defaultGrpcPort = 50051;
export const defaultLookoutPort = 30000;
/** Project-local, like `.spark/` and `.venv/`: no writes to the home directory. */
export const defaultStateDir = path.join(".state", "dev");

export interface DevArmadaOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** gRPC port; 0 picks a free one. Default 50051. */
  readonly port?: number;
  /** Lookout HTTP port; 0 picks a free one. Default 30000. */
  readonly lookoutPort?: number;
  readonly config?: DevConfig;
  /** Default `.state/dev` under the current directory. Ignored when ephemeral. */
  readonly stateDir?: string;
  /** State in a temporary directory and an in-memory database, removed by close(). */
  readonly ephemeral?: boolean;
  /** A pod runtime to use instead of the local-process one (tests). */
  readonly runtime?: PodRuntime;
}

/** Handles a Lookout HTTP request; returns false to let the next handler (or a 404) answer. */
export type HttpHandler = (req: http.IncomingMessage, res: http.ServerResponse) => boolean | Promise<boolean>;

export interface DevArmada {
  /** `host:port` of the gRPC API. */
  readonly grpcAddress: string;
  readonly lookoutUrl: string;
  readonly stateDir: string;
  readonly armada: EmbeddedArmada;
  /** Adds a handler for the Lookout port (pages come from the Lookout part). */
  mountHttp(handler: HttpHandler): void;
  /** Stops every pod, closes connections and the store (and removes ephemeral state). */
  close(): Promise<void>;
}

export async function startDevArmada(options: DevArmadaOptions = {}): Promise<DevArmada> {
  const host = options.host ?? "127.0.0.1";
  const config = options.config ?? defaultConfig();
  const ephemeral = options.ephemeral ?? false;
  const stateDir = ephemeral
    ? mkdtempSync(path.join(os.tmpdir(), "armada-spark-dev-"))
    : path.resolve(options.stateDir ?? defaultStateDir);
  mkdirSync(stateDir, { recursive: true });
  const lock = lockStateDir(stateDir);

  let armada: EmbeddedArmada;
  try {
    const store = new Store(ephemeral ? ":memory:" : path.join(stateDir, "armada.db"));
    const runtime =
      options.runtime ??
      createPodRuntime({ stateDir, config: { images: config.images, inheritEnv: config.inheritEnv } });
    armada = new EmbeddedArmada({ store, config, runtime });
  } catch (e) {
    lock.release();
    throw e;
  }

  const handler = connectNodeAdapter({
    grpc: true,
    connect: false,
    grpcWeb: false,
    interceptors: [authInterceptor(config.auth)],
    routes(router) {
      router.service(Submit, submitService(armada));
      router.service(QueueService, queueService(armada));
      router.service(Event, eventService(armada));
      router.service(Jobs, jobsService(armada));
      router.service(Binoculars, binocularsService(armada));
    },
  });
  const grpcServer = http2.createServer({}, handler);
  const sessions = new Set<http2.ServerHttp2Session>();
  grpcServer.on("session", (s) => {
    sessions.add(s);
    s.on("close", () => sessions.delete(s));
  });

  const handlers: HttpHandler[] = [];
  const lookoutServer = http.createServer((req, res) => {
    void (async () => {
      for (const h of handlers) if (await h(req, res)) return;
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    })().catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`internal error: ${(e as Error).message}\n`);
    });
  });

  const closeAll = async () => {
    for (const s of sessions) s.destroy();
    await Promise.all([closeServer(grpcServer), closeServer(lookoutServer)]);
    await armada.close();
    lock.release();
    if (ephemeral) rmSync(stateDir, { recursive: true, force: true });
  };

  let grpcPort: number;
  let lookoutPort: number;
  try {
    grpcPort = await listen(grpcServer, host, options.port ?? defaultGrpcPort, "--port");
    lookoutPort = await listen(
      lookoutServer,
      host,
      options.lookoutPort ?? defaultLookoutPort,
      "--lookout-port",
    );
  } catch (e) {
    await closeAll();
    throw e;
  }

  let closing: Promise<void> | undefined;
  return {
    grpcAddress: `${host}:${grpcPort}`,
    lookoutUrl: `http://${host}:${lookoutPort}`,
    stateDir,
    armada,
    mountHttp(h) {
      handlers.push(h);
    },
    close() {
      closing ??= closeAll();
      return closing;
    },
  };
}

function listen(
  server: http.Server | http2.Http2Server,
  host: string,
  port: number,
  flag: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      const why = e.code === "EADDRINUSE" ? "is already in use" : `cannot be used: ${e.message}`;
      reject(new Error(`${flag} ${port}: ${host}:${port} ${why}; pick another port with ${flag}`));
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: http.Server | http2.Http2Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    if ("closeAllConnections" in server) server.closeAllConnections();
  });
}
