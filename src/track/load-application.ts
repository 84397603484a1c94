// An application's current state, read from its job set's event history (no watch).
import type { ArmadaClient } from "../armada/client.js";
import type { ApplicationState } from "./application-state.js";
import { applyEvent, emptyApplication } from "./application-state.js";
import { jobEventFromMessage } from "./event-message.js";

export async function loadApplication(
  client: ArmadaClient,
  queue: string,
  jobSetId: string,
): Promise<ApplicationState> {
  let state = emptyApplication(queue, jobSetId);
  for await (const e of client.events({ queue, jobSetId, watch: false })) {
    const event = jobEventFromMessage(e);
    if (event) state = applyEvent(state, event);
  }
  return state;
}
