// Puts the Lookout pages on a running embedded Armada's Lookout port.

import type { DevArmada } from "../server/server.js";
import { createLookoutServer, type LookoutServer } from "./http-server.js";
import { embeddedLookoutOptions } from "./store-source.js";

export function mountLookout(dev: DevArmada): LookoutServer {
  const lookout = createLookoutServer(embeddedLookoutOptions(dev.armada));
  dev.mountHttp(lookout.handle);
  return lookout;
}
