// The gRPC (http/2) transport to one Armada endpoint: plaintext or TLS (system CAs, or a custom
// CA file, optionally a client certificate and key).
import { readFileSync } from "node:fs";
import type { Interceptor, Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import type { ArmadaEndpoint } from "./endpoint.js";
import { baseUrlOf } from "./endpoint.js";
import { ArmadaError } from "./errors.js";

export interface TlsFiles {
  caFile?: string; // PEM; replaces the system CAs (spark.armada.tls.caFile)
  certFile?: string; // client certificate (PEM), with keyFile
  keyFile?: string;
}

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ArmadaError(
      "config",
      `cannot read the ${what} "${path}": ${(err as NodeJS.ErrnoException).code ?? err}`,
    );
  }
}

export function createArmadaTransport(
  endpoint: ArmadaEndpoint,
  tls: TlsFiles,
  interceptors: Interceptor[],
): Transport {
  const nodeOptions: { ca?: Buffer; cert?: Buffer; key?: Buffer } = {};
  if (endpoint.tls) {
    if (tls.caFile !== undefined) nodeOptions.ca = readPem(tls.caFile, "CA file (spark.armada.tls.caFile)");
    if ((tls.certFile === undefined) !== (tls.keyFile === undefined)) {
      throw new ArmadaError(
        "config",
        "a TLS client certificate needs both a certificate file and a key file",
      );
    }
    if (tls.certFile !== undefined) nodeOptions.cert = readPem(tls.certFile, "client certificate file");
    if (tls.keyFile !== undefined) nodeOptions.key = readPem(tls.keyFile, "client key file");
  }
  return createGrpcTransport({
    baseUrl: baseUrlOf(endpoint),
    interceptors,
    nodeOptions,
  });
}
