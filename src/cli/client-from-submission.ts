// The Armada client for a resolved submission: master, TLS CA and auth script from the conf.
import type { ArmadaClient } from "../armada/client.js";
import { createArmadaClient } from "../armada/create-client.js";
import type { ArmadaMaster } from "../conf/master-url.js";
import type { ResolvedConf } from "../conf/resolved-conf.js";
import { keys } from "../conf/keys.js";

export function clientFor(master: ArmadaMaster | undefined, conf: ResolvedConf | undefined): ArmadaClient {
  const caFile = conf?.get(keys.tlsCaFile);
  const authScriptPath = conf?.get(keys.authScriptPath);
  return createArmadaClient({
    ...(master !== undefined ? { master } : {}),
    ...(caFile !== undefined ? { tls: { caFile } } : {}),
    ...(authScriptPath !== undefined ? { authScriptPath } : {}),
  });
}
