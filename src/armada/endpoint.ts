// Where the client connects. The shape equals src/conf's ArmadaMaster, so a parsed --master is
// accepted as is; armadactl's context URLs ("host:port", optionally with a scheme) map here too.
export interface ArmadaEndpoint {
  url: string; // as shown to users, e.g. armada://host:50051
  host: string;
  port: number;
  tls: boolean;
}

/** The http2 base URL the gRPC transport dials. */
export function baseUrlOf(endpoint: ArmadaEndpoint): string {
  const host = endpoint.host.includes(":") ? `[${endpoint.host}]` : endpoint.host;
  return `${endpoint.tls ? "https" : "http"}://${host}:${endpoint.port}`;
}

/**
 * An armadactl context's `armadaUrl`. armadactl dials TLS unless the URL contains "localhost" or
 * the context sets forceNoTls.
 */
export function endpointFromArmadactlUrl(armadaUrl: string, forceNoTls: boolean): ArmadaEndpoint {
  const stripped = armadaUrl
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, "")
    .replace(/\/.*$/, "");
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(stripped);
  const [host, portText] = v6
    ? [v6[1]!, v6[2]]
    : stripped.includes(":")
      ? [stripped.slice(0, stripped.lastIndexOf(":")), stripped.slice(stripped.lastIndexOf(":") + 1)]
      : [stripped, undefined];
  if (host === "") throw new Error(`armadaUrl "${armadaUrl}" has no host`);
  const port = portText === undefined ? 50051 : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`armadaUrl "${armadaUrl}" has a bad port`);
  const tls = !(forceNoTls || armadaUrl.includes("localhost"));
  const shown = host.includes(":") ? `[${host}]` : host;
  return { url: `${tls ? "armada+tls" : "armada"}://${shown}:${port}`, host, port, tls };
}
