// Authentication as Armada's gRPC servers do it: metadata `authorization` with
// `basic base64(user:pass)` or `Bearer <token>`; no credentials -> anonymous when allowed;
// credentials that do not check out -> UNAUTHENTICATED. Secrets never appear in errors.

import { timingSafeEqual } from "node:crypto";
import { Code, ConnectError, createContextKey, type Interceptor } from "@connectrpc/connect";
import type { AuthConfig } from "./config.js";

export interface Principal {
  readonly name: string;
}

export const anonymous: Principal = { name: "anonymous" };

export const principalKey = createContextKey<Principal>(anonymous, {
  description: "authenticated principal",
});

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The principal for an `authorization` header value, or throws UNAUTHENTICATED. */
export function authenticate(auth: AuthConfig, header: string | null): Principal {
  if (header === null || header.trim() === "") {
    if (auth.anonymous) return anonymous;
    throw new ConnectError("Request could not be authenticated: no credentials given", Code.Unauthenticated);
  }
  const space = header.indexOf(" ");
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const credentials = space < 0 ? "" : header.slice(space + 1).trim();
  if (scheme === "basic") {
    const decoded = Buffer.from(credentials, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const username = colon < 0 ? decoded : decoded.slice(0, colon);
    const password = colon < 0 ? "" : decoded.slice(colon + 1);
    const user = auth.users.find((u) => u.username === username);
    // Compare even for unknown users so timing does not tell which names exist.
    const ok = same(password, user?.password ?? "\u0000never") && user !== undefined;
    if (ok) return { name: username };
    throw new ConnectError(
      "Request could not be authenticated: invalid username or password",
      Code.Unauthenticated,
    );
  }
  if (scheme === "bearer") {
    const match = auth.tokens.find((t) => same(t.token, credentials));
    if (match) return { name: match.user };
    throw new ConnectError("Request could not be authenticated: invalid bearer token", Code.Unauthenticated);
  }
  throw new ConnectError(
    `Request could not be authenticated: unsupported authorization scheme "${scheme}"`,
    Code.Unauthenticated,
  );
}

export function authInterceptor(auth: AuthConfig): Interceptor {
  return (next) => async (req) => {
    req.contextValues.set(principalKey, authenticate(auth, req.header.get("authorization")));
    return next(req);
  };
}
