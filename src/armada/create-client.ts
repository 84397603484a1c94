// Builds an ArmadaClient from what the user gave: the master (--master), TLS files, credentials,
// falling back to armadactl's current context for the URL and credentials.
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import type { ArmadactlContext } from "./armadactl-config.js";
import { armadactlConfigPath, parseArmadactlConfig } from "./armadactl-config.js";
import { ArmadaClient } from "./client.js";
import type { ArmadaClientParts } from "./client.js";
import { CredentialProvider, resolveCredentials } from "./credentials.js";
import type { ArmadaEndpoint } from "./endpoint.js";
import { endpointFromArmadactlUrl } from "./endpoint.js";
import { ArmadaError } from "./errors.js";
import { Redactor } from "./redactor.js";
import type { TlsFiles } from "./transport.js";
import { createArmadaTransport } from "./transport.js";

export interface ArmadaClientOptions extends Pick<
  ArmadaClientParts,
  "callTimeoutMs" | "retry" | "streamRetry" | "retryHooks" | "newClientId"
> {
  /** The parsed --master (src/conf ArmadaMaster has this shape); else armadactl's context URL. */
  master?: ArmadaEndpoint;
  /** Binoculars' address when it differs from the master's. */
  binoculars?: ArmadaEndpoint;
  tls?: TlsFiles;
  token?: string;
  basic?: { username: string; password: string };
  authScriptPath?: string; // spark.armada.auth.script.path
  env?: Readonly<Record<string, string | undefined>>; // default process.env
  home?: string; // default os.homedir()
  /** Read armadactl's config as a fallback (default true). */
  useArmadactlConfig?: boolean;
}

/** armadactl's current context, or undefined when there is no config file. */
export function loadArmadactlContext(
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): ArmadactlContext | undefined {
  const path = armadactlConfigPath(env, home);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new ArmadaError("config", `cannot read armadactl config ${path}: ${(err as Error).message}`);
  }
  try {
    return parseArmadactlConfig(text, path);
  } catch (err) {
    throw new ArmadaError("config", (err as Error).message);
  }
}

const sameServer = (a: ArmadaEndpoint, b: ArmadaEndpoint): boolean => a.host === b.host && a.port === b.port;

export function createArmadaClient(options: ArmadaClientOptions): ArmadaClient {
  const env = options.env ?? process.env;
  const ctx =
    options.useArmadactlConfig === false ? undefined : loadArmadactlContext(env, options.home ?? homedir());
  const ctxEndpoint =
    ctx?.armadaUrl !== undefined ? endpointFromArmadactlUrl(ctx.armadaUrl, ctx.forceNoTls) : undefined;
  const endpoint = options.master ?? ctxEndpoint;
  if (endpoint === undefined) {
    throw new ArmadaError(
      "config",
      "no Armada address: pass --master armada://host:port (or armada+tls://host:port), " +
        "or set armadaUrl in the current context of ~/.armadactl.yaml ($ARMADACTL_CONFIG)",
    );
  }
  // armadactl's credentials belong to its own server: never send them anywhere else.
  const ctxForCredentials = ctxEndpoint !== undefined && sameServer(ctxEndpoint, endpoint) ? ctx : undefined;
  const redactor = new Redactor();
  const credentials = new CredentialProvider(
    resolveCredentials({
      env,
      ...(options.token !== undefined ? { token: options.token } : {}),
      ...(options.basic !== undefined ? { basic: options.basic } : {}),
      ...(options.authScriptPath !== undefined ? { authScriptPath: options.authScriptPath } : {}),
      ...(ctxForCredentials !== undefined ? { armadactl: ctxForCredentials } : {}),
    }),
    redactor,
    { ...process.env, ...env } as NodeJS.ProcessEnv,
  );
  const interceptors = [credentials.interceptor()];
  const tls = options.tls ?? {};
  const parts: ArmadaClientParts = {
    endpoint,
    transport: createArmadaTransport(endpoint, tls, interceptors),
    credentials,
    redactor,
  };
  if (options.binoculars !== undefined) {
    parts.binoculars = {
      endpoint: options.binoculars,
      transport: createArmadaTransport(options.binoculars, tls, interceptors),
    };
  }
  for (const k of ["callTimeoutMs", "retry", "streamRetry", "retryHooks", "newClientId"] as const) {
    if (options[k] !== undefined) Object.assign(parts, { [k]: options[k] });
  }
  return new ArmadaClient(parts);
}
