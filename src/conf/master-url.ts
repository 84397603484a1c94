// The Armada master URL. One documented form for TLS: the `armada+tls://` scheme (a custom CA goes in
// spark.armada.tls.caFile). The port defaults to 50051, Armada's gRPC port.
import { InvalidValue } from "./errors.js";

export interface ArmadaMaster {
  url: string; // normalized: scheme://host:port
  host: string; // without IPv6 brackets
  port: number;
  tls: boolean;
}

export const defaultArmadaPort = 50051;

const hostName = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

export function parseArmadaMaster(raw: string): ArmadaMaster {
  const text = raw.trim();
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/.exec(text);
  if (!m) throw new InvalidValue("no armada:// or armada+tls:// scheme");
  const scheme = m[1]!.toLowerCase();
  if (scheme !== "armada" && scheme !== "armada+tls")
    throw new InvalidValue(`scheme "${m[1]}" is not supported`);
  const tls = scheme === "armada+tls";
  const authority = m[2]!.replace(/\/$/, "");
  let host: string;
  let portText: string | undefined;
  const v6 = /^\[([0-9A-Fa-f:.]+)\](?::(.*))?$/.exec(authority);
  if (v6) {
    host = v6[1]!;
    portText = v6[2];
  } else {
    if (/[/?#@]/.test(authority)) throw new InvalidValue("only host and port are allowed after the scheme");
    const colon = authority.lastIndexOf(":");
    host = colon < 0 ? authority : authority.slice(0, colon);
    portText = colon < 0 ? undefined : authority.slice(colon + 1);
    if (host.length === 0) throw new InvalidValue("no host");
    if (!hostName.test(host)) throw new InvalidValue(`"${host}" is not a host name`);
  }
  let port = defaultArmadaPort;
  if (portText !== undefined) {
    if (!/^[0-9]{1,5}$/.test(portText)) throw new InvalidValue(`port "${portText}" is not a number`);
    port = Number(portText);
    if (port < 1 || port > 65535) throw new InvalidValue(`port ${port} is out of range 1-65535`);
  }
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return { url: `${scheme}://${shownHost}:${port}`, host, port, tls };
}
