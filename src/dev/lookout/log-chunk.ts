// Reads a container log file in chunks from a byte offset, so the page can follow a running
// container's log by polling with the offset it got last.

import { open } from "node:fs/promises";

export interface LogChunk {
  readonly text: string;
  /** Where the next read starts. */
  readonly nextOffset: number;
  /** The file's size when read. */
  readonly size: number;
  /** Bytes skipped at the start because the log was longer than one chunk. */
  readonly skipped: number;
}

export const maxChunkBytes = 256 * 1024;

/**
 * Reads from `offset`; without an offset, reads the last `maxBytes` of the file (starting at a
 * line boundary). A file that does not exist yet reads as empty. Stops before an incomplete
 * UTF-8 sequence at the end so a character is never split between two chunks.
 */
export async function readLogChunk(
  path: string,
  offset: number | undefined,
  maxBytes = maxChunkBytes,
): Promise<LogChunk> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT")
      return { text: "", nextOffset: offset ?? 0, size: 0, skipped: 0 };
    throw e;
  }
  try {
    const { size } = await handle.stat();
    let start = offset ?? Math.max(0, size - maxBytes);
    if (start > size) start = size; // the file was replaced by a shorter one
    const length = Math.min(maxBytes, size - start);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, start);
    let bytes = buffer.subarray(0, bytesRead);
    let skipped = offset === undefined ? start : 0;
    if (offset === undefined && start > 0) {
      const newline = bytes.indexOf(0x0a);
      if (newline >= 0) {
        bytes = bytes.subarray(newline + 1);
        start += newline + 1;
        skipped += newline + 1;
      }
    }
    const end = completeUtf8Length(bytes);
    return { text: bytes.subarray(0, end).toString("utf8"), nextOffset: start + end, size, skipped };
  } finally {
    await handle.close();
  }
}

/** Length of `bytes` without a trailing incomplete UTF-8 sequence. */
function completeUtf8Length(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}
