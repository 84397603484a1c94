// The Armada client for a resolved submission or an operation: master (else armadactl's context, else
// armada://localhost:50051), TLS CA and auth script from the conf.
import type { ArmadaClient } from "../armada/client.js";
import { createArmadaClient } from "../armada/create-client.js";
import { parseArmadaMaster, type ArmadaMaster } from "../conf/master-url.js";
import type { ResolvedConf } from "../conf/resolved-conf.js";
import { keys } from "../conf/keys.js";

/** The operations' last resort, as documented: `armada-spark dev`'s default address. */
const localMaster = parseArmadaMaster("armada://localhost:50051");

export function clientFor(master: ArmadaMaster | undefined, conf: ResolvedConf | undefined): ArmadaClient {
  const caFile = conf?.get(keys.tlsCaFile);
  const authScriptPath = conf?.get(keys.authScriptPath);
  return createArmadaClient({
    ...(master !== undefined ? { master } : {}),
    defaultMaster: localMaster,
    ...(caFile !== undefined ? { tls: { caFile } } : {}),
    ...(authScriptPath !== undefined ? { authScriptPath } : {}),
  });
}
