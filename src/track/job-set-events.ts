// A job set's events from Armada's stream as JobEvents (messages without a known event are skipped).
import type { ArmadaClient, EventStreamRequest } from "../armada/client.js";
import { jobEventFromMessage } from "./event-message.js";
import type { JobEvent } from "./job-event.js";

export async function* jobSetEvents(
  client: ArmadaClient,
  request: EventStreamRequest,
): AsyncGenerator<JobEvent> {
  for await (const message of client.events(request)) {
    const event = jobEventFromMessage(message);
    if (event) yield event;
  }
}
