// The event log: appends api.EventMessage records to the store with monotonic message ids and
// `created` times, reads a job set's events after a message id, and wakes watchers on append.

import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import type { Timestamp } from "@bufbuild/protobuf/wkt";
import {
  EventMessageSchema,
  EventStreamMessageSchema,
  type EventMessage,
  type EventStreamMessage,
} from "../../armada/gen/pkg/api/event_pb.js";
import { formatMessageId, MessageClock, type MessageId } from "./message-id.js";
import type { Store } from "./store.js";

/** Fields every event variant carries; the log fills `created`. */
export interface EventKey {
  readonly jobId: string;
  readonly jobSetId: string;
  readonly queue: string;
}

/** An EventMessage oneof value without `created` (and without the common fields). */
export type EventBody = EventMessage["events"] extends infer E
  ? E extends { case: infer C; value: infer V }
    ? C extends string
      ? {
          case: C;
          value: Partial<Omit<V, "$typeName" | "jobId" | "jobSetId" | "queue" | "created" | "$unknown">>;
        }
      : never
    : never
  : never;

export class EventLog {
  private readonly clock: MessageClock;
  private readonly watchers = new Map<string, Set<() => void>>();

  constructor(
    private readonly store: Store,
    now: () => number = Date.now,
  ) {
    this.clock = new MessageClock(store.lastEvent()?.ms ?? 0, now);
  }

  /** Appends one event; returns its `created` time in ms. Call inside a store transaction
   * when several writes belong together. */
  append(key: EventKey, body: EventBody): number {
    const ms = this.clock.nextMs();
    const created: Timestamp = timestampFromMs(ms);
    const message = create(EventMessageSchema, {
      events: { case: body.case, value: { ...body.value, ...key, created } },
    } as never);
    this.store.appendEvent({
      ms,
      queue: key.queue,
      jobSetId: key.jobSetId,
      jobId: key.jobId,
      body: toBinary(EventMessageSchema, message),
    });
    this.notify(key.queue, key.jobSetId);
    return ms;
  }

  read(queue: string, jobSetId: string, after: MessageId, limit: number): EventStreamMessage[] {
    return this.store.readEvents(queue, jobSetId, after, limit).map((row) =>
      create(EventStreamMessageSchema, {
        id: formatMessageId({ ms: row.ms, seq: row.seq, subIdx: 0, last: true }),
        message: fromBinary(EventMessageSchema, row.body),
      }),
    );
  }

  /** The id of the set's last event, or undefined when the set has none. */
  lastId(queue: string, jobSetId: string): MessageId | undefined {
    const row = this.store.lastEventOfSet(queue, jobSetId);
    return row && { ms: row.ms, seq: row.seq, subIdx: 0, last: true };
  }

  exists(queue: string, jobSetId: string): boolean {
    return this.store.lastEventOfSet(queue, jobSetId) !== undefined;
  }

  eventsOfJob(jobId: string): EventMessage[] {
    return this.store.eventsOfJob(jobId).map((row) => fromBinary(EventMessageSchema, row.body));
  }

  /** Calls `wake` after each append to the set, until the returned function is called. */
  watch(queue: string, jobSetId: string, wake: () => void): () => void {
    const key = `${queue}\u0000${jobSetId}`;
    let set = this.watchers.get(key);
    if (!set) {
      set = new Set();
      this.watchers.set(key, set);
    }
    set.add(wake);
    return () => {
      set.delete(wake);
      if (set.size === 0) this.watchers.delete(key);
    };
  }

  private notify(queue: string, jobSetId: string): void {
    const set = this.watchers.get(`${queue}\u0000${jobSetId}`);
    if (set) for (const wake of [...set]) wake();
  }
}
