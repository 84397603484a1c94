// An application's current state, read from its job set's event history (no watch).
import type { ArmadaClient } from "../armada/client.js";
import type { ApplicationState } from "./application-state.js";
import { applyEvent, emptyApplication } from "./application-state.js";
import { jobSetEvents } from "./job-set-events.js";

export async function loadApplication(
  client: ArmadaClient,
  queue: string,
  jobSetId: string,
): Promise<ApplicationState> {
  let state = emptyApplication(queue, jobSetId);
  for await (const event of jobSetEvents(client, { queue, jobSetId, watch: false })) {
    state = applyEvent(state, event);
  }
  return state;
}
