// Which credentials the client sends, and where they came from (for messages; never the values).
// Precedence: explicit options, ARMADA_AUTH_TOKEN, spark.armada.auth.script.path, then the
// current armadactl context (basicAuth, execAuth). Anonymous when none is configured.
import { execFile } from "node:child_process";
import type { Interceptor } from "@connectrpc/connect";
import type { ArmadactlContext } from "./armadactl-config.js";
import { ArmadaError } from "./errors.js";
import type { Redactor } from "./redactor.js";

export const authTokenEnv = "ARMADA_AUTH_TOKEN";
export const authScriptKey = "spark.armada.auth.script.path";

export interface TokenCommand {
  cmd: string;
  args: string[];
  env: { name: string; value: string }[];
}

export type Credentials =
  | { kind: "none"; source: string }
  | { kind: "bearer"; source: string; token: string }
  | { kind: "bearer-command"; source: string; command: TokenCommand }
  | { kind: "basic"; source: string; username: string; password: string };

export interface CredentialInputs {
  token?: string;
  basic?: { username: string; password: string };
  authScriptPath?: string;
  env: Readonly<Record<string, string | undefined>>;
  armadactl?: ArmadactlContext;
}

export function resolveCredentials(inputs: CredentialInputs): Credentials {
  if (inputs.token !== undefined && inputs.token !== "") {
    return { kind: "bearer", source: "the token option", token: inputs.token };
  }
  if (inputs.basic !== undefined) return { kind: "basic", source: "the basic-auth option", ...inputs.basic };
  const envToken = inputs.env[authTokenEnv];
  if (envToken !== undefined && envToken.trim() !== "") {
    return { kind: "bearer", source: `environment variable ${authTokenEnv}`, token: envToken.trim() };
  }
  if (inputs.authScriptPath !== undefined && inputs.authScriptPath !== "") {
    return {
      kind: "bearer-command",
      source: `${authScriptKey} (${inputs.authScriptPath})`,
      command: { cmd: inputs.authScriptPath, args: [], env: [] },
    };
  }
  const ctx = inputs.armadactl;
  if (ctx?.basicAuth !== undefined) {
    return {
      kind: "basic",
      source: `armadactl context "${ctx.name}" (${ctx.path}) basicAuth`,
      ...ctx.basicAuth,
    };
  }
  if (ctx?.execAuth !== undefined) {
    return {
      kind: "bearer-command",
      source: `armadactl context "${ctx.name}" (${ctx.path}) execAuth`,
      command: ctx.execAuth,
    };
  }
  return {
    kind: "none",
    source: `nowhere (no ${authTokenEnv}, no ${authScriptKey}, no armadactl credentials)`,
  };
}

export type CommandRunner = (command: TokenCommand, env: NodeJS.ProcessEnv) => Promise<string>;

const runCommand: CommandRunner = (command, env) =>
  new Promise((resolve, reject) => {
    execFile(
      command.cmd,
      command.args,
      { env: { ...env, ...Object.fromEntries(command.env.map((e) => [e.name, e.value])) }, timeout: 60_000 },
      (err, stdout, stderr) => {
        if (err)
          reject(
            new Error(`${err.message.split("\n")[0]}${stderr ? `: ${stderr.trim().split("\n")[0]}` : ""}`),
          );
        else resolve(stdout);
      },
    );
  });

/** Produces the `authorization` header value; a token command runs once and is cached. */
export class CredentialProvider {
  private pending: Promise<string | undefined> | undefined;

  constructor(
    readonly credentials: Credentials,
    private readonly redactor: Redactor,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly run: CommandRunner = runCommand,
  ) {
    if (credentials.kind === "bearer") redactor.add(credentials.token);
    if (credentials.kind === "basic") {
      redactor.add(credentials.password);
      redactor.add(basicHeader(credentials.username, credentials.password).slice("basic ".length));
    }
  }

  authorization(): Promise<string | undefined> {
    this.pending ??= this.compute();
    return this.pending;
  }

  private async compute(): Promise<string | undefined> {
    const c = this.credentials;
    switch (c.kind) {
      case "none":
        return undefined;
      case "bearer":
        return `Bearer ${c.token}`;
      case "basic":
        return basicHeader(c.username, c.password);
      case "bearer-command": {
        let out: string;
        try {
          out = await this.run(c.command, this.env);
        } catch (err) {
          this.pending = undefined; // a later call may try again
          throw new ArmadaError(
            "config",
            this.redactor.redact(`could not get a token from ${c.source}: ${(err as Error).message}`),
          );
        }
        const token = out.trim();
        if (token === "") {
          this.pending = undefined;
          throw new ArmadaError("config", `${c.source} printed no token on its standard output`);
        }
        this.redactor.add(token);
        return `Bearer ${token}`;
      }
    }
  }

  /** Adds the header to every call. */
  interceptor(): Interceptor {
    return (next) => async (req) => {
      const value = await this.authorization();
      if (value !== undefined) req.header.set("authorization", value);
      return next(req);
    };
  }
}

export function basicHeader(username: string, password: string): string {
  return `basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}
