// binoculars.Binoculars: a pod's container log (pod `armada-<jobId>-<podNumber>`), no follow.

import { create, fromBinary } from "@bufbuild/protobuf";
import { EmptySchema } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type ServiceImpl } from "@connectrpc/connect";
import { LogResponseSchema, type Binoculars } from "../../armada/gen/pkg/api/binoculars/binoculars_pb.js";
import { JobSchema } from "../../armada/gen/pkg/api/submit_pb.js";
import type { EmbeddedArmada } from "./embedded-armada.js";
import { readLogLines, type LogLineData } from "./log-lines.js";
import { podName } from "./pod-launch.js";

export function binocularsService(armada: EmbeddedArmada): ServiceImpl<typeof Binoculars> {
  return {
    logs(req) {
      const pod = podName(req.jobId, req.podNumber);
      const row = armada.jobRow(req.jobId);
      const recorded = armada.store.logsOfPod(req.jobId, req.podNumber);
      if (!row || recorded.length === 0) throw new ConnectError(`pods "${pod}" not found`, Code.NotFound);
      // Without a container name, use the pod's first main container.
      const wanted =
        req.logOptions?.container || fromBinary(JobSchema, row.spec).podSpec?.containers[0]?.name || "";
      const path =
        recorded.find((r) => r.container === wanted)?.path ??
        armada.runtime.logPath(req.jobId, wanted, req.podNumber);
      if (!path)
        throw new ConnectError(`container ${wanted} is not valid for pod ${pod}`, Code.InvalidArgument);
      let lines: LogLineData[];
      try {
        lines = readLogLines(path, {
          ...(req.sinceTime ? { sinceTime: req.sinceTime } : {}),
          ...(req.logOptions && req.logOptions.tailLines > 0n
            ? { tailLines: Number(req.logOptions.tailLines) }
            : {}),
        });
      } catch {
        lines = [];
      }
      return create(LogResponseSchema, { log: lines });
    },
    cordon() {
      return create(EmptySchema);
    },
  };
}
