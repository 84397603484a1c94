// Event message ids in Armada's external format `<ms>:<seq>:<subIdx>:<last 0|1>`
// (internal/server/event/sequence). Clients treat them as opaque and resume with the last one
// they saw; the server sends strictly later messages. Legacy Redis ids `<ms>-<seq>` are accepted
// as Armada does (converted with subIdx 0, last true). The empty string means "from the start".

export interface MessageId {
  readonly ms: number;
  readonly seq: number;
  readonly subIdx: number;
  readonly last: boolean;
}

export const startOfStream: MessageId = { ms: 0, seq: 0, subIdx: 0, last: true };

export function formatMessageId(id: MessageId): string {
  return `${id.ms}:${id.seq}:${id.subIdx}:${id.last ? 1 : 0}`;
}

const integer = /^-?\d+$/;
// Go's strconv.ParseBool accepts these spellings.
const goBools = new Map<string, boolean>([
  ...["1", "t", "T", "true", "TRUE", "True"].map((s) => [s, true] as [string, boolean]),
  ...["0", "f", "F", "false", "FALSE", "False"].map((s) => [s, false] as [string, boolean]),
]);

/** Parses an external or legacy id; throws an Error with Armada's wording when neither. */
export function parseMessageId(text: string): MessageId {
  if (text === "") return startOfStream;
  const parts = text.split(":");
  if (parts.length === 4) {
    const [ms, seq, subIdx, last] = parts as [string, string, string, string];
    const lastValue = goBools.get(last);
    if (integer.test(ms) && integer.test(seq) && integer.test(subIdx) && lastValue !== undefined) {
      return { ms: Number(ms), seq: Number(seq), subIdx: Number(subIdx), last: lastValue };
    }
  }
  const legacy = text.split("-");
  if (legacy.length === 2 && integer.test(legacy[0]!) && integer.test(legacy[1]!)) {
    return { ms: Number(legacy[0]), seq: Number(legacy[1]), subIdx: 0, last: true };
  }
  throw new Error(`${text} is not a valid sequence number`);
}

/** True when `a` comes strictly after `b` in the stream. */
export function isAfter(a: MessageId, b: MessageId): boolean {
  if (a.ms !== b.ms) return a.ms > b.ms;
  if (a.seq !== b.seq) return a.seq > b.seq;
  return a.subIdx > b.subIdx;
}

/**
 * Hands out (ms, seq) pairs that never go backwards, even when the wall clock does or the
 * server restarts (it is seeded with the last pair in the store). `seq` is the store's global
 * event number, so ordering by id equals ordering by row.
 */
export class MessageClock {
  private lastMs: number;

  constructor(
    lastMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.lastMs = lastMs;
  }

  nextMs(): number {
    this.lastMs = Math.max(this.lastMs, this.now());
    return this.lastMs;
  }
}
