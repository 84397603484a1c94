/**
 * Hands out loopback addresses for pods: 127.a.b.c with a in [1, 254], b in [0, 255],
 * c in [1, 254]. Never 127.0.x.x (127.0.0.1 is the host's; Debian puts the host name on
 * 127.0.1.1). Addresses are handed out round-robin, so a released address is not reused
 * until the whole range has gone round: a new pod never inherits sockets in TIME_WAIT or a
 * stale hosts-file entry of the previous owner.
 */
export class LoopbackAllocator {
  private readonly inUse = new Set<number>();
  private cursor: number;

  /** `first` is where the round-robin starts (default 127.1.0.1). */
  constructor(first = "127.1.0.1") {
    const index = indexOf(first);
    if (index === undefined) throw new Error(`LoopbackAllocator: ${first} is not an allocatable 127.x.y.z`);
    this.cursor = index;
  }

  get size(): number {
    return this.inUse.size;
  }

  allocate(): string {
    for (let tries = 0; tries < RANGE; tries++) {
      const index = this.cursor;
      this.cursor = (this.cursor + 1) % RANGE;
      if (!this.inUse.has(index)) {
        this.inUse.add(index);
        return addressOf(index);
      }
    }
    throw new Error("LoopbackAllocator: every pod address is in use");
  }

  release(address: string): void {
    const index = indexOf(address);
    if (index !== undefined) this.inUse.delete(index);
  }

  isAllocated(address: string): boolean {
    const index = indexOf(address);
    return index !== undefined && this.inUse.has(index);
  }
}

const A_COUNT = 254; // 1..254
const B_COUNT = 256; // 0..255
const C_COUNT = 254; // 1..254
const RANGE = A_COUNT * B_COUNT * C_COUNT;

function addressOf(index: number): string {
  const c = (index % C_COUNT) + 1;
  const b = Math.floor(index / C_COUNT) % B_COUNT;
  const a = Math.floor(index / (C_COUNT * B_COUNT)) + 1;
  return `127.${a}.${b}.${c}`;
}

function indexOf(address: string): number | undefined {
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (!m) return undefined;
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (a < 1 || a > 254 || b > 255 || c < 1 || c > 254) return undefined;
  return (a - 1) * B_COUNT * C_COUNT + b * C_COUNT + (c - 1);
}
