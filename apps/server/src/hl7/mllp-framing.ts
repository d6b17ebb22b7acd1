/** MLLP: each message is framed as 0x0B, the message, 0x1C 0x0D. */
const START_BLOCK = 0x0b;
const END_BLOCK = 0x1c;
const CARRIAGE_RETURN = 0x0d;

/** Far above any ORU^R01 a monitor sends; a sender that never ends its frame is cut off. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

export function frame(message: string): Buffer {
  return Buffer.concat([
    Buffer.from([START_BLOCK]),
    Buffer.from(message, 'utf8'),
    Buffer.from([END_BLOCK, CARRIAGE_RETURN]),
  ]);
}

export class MllpFrameTooLarge extends Error {}

/**
 * Reassembles messages from a TCP stream, however its packets split or join the frames. Bytes
 * outside a frame (a keep-alive newline, the end of a broken frame) are skipped.
 */
export class MllpDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private inFrame = false;
  /** The last byte of the previous chunk was 0x1C: the 0x0D may open the next one. */
  private endBlockSeen = false;

  push(chunk: Buffer): string[] {
    const messages: string[] = [];
    let from = 0;
    for (let index = 0; index < chunk.length; index += 1) {
      const byte = chunk[index];
      if (!this.inFrame) {
        if (byte === START_BLOCK) {
          this.inFrame = true;
          from = index + 1;
        }
        continue;
      }
      if (byte === START_BLOCK) {
        // A frame the sender never ended: what follows is a new message, never joined to it.
        this.discard();
        this.inFrame = true;
        from = index + 1;
        continue;
      }
      if (this.endBlockSeen && byte === CARRIAGE_RETURN) {
        messages.push(this.take(chunk.subarray(from, index)));
        continue;
      }
      this.endBlockSeen = byte === END_BLOCK;
    }
    if (this.inFrame) this.keep(chunk.subarray(from));
    return messages;
  }

  private keep(part: Buffer): void {
    if (part.length === 0) return;
    this.pending.push(part);
    this.pendingBytes += part.length;
    if (this.pendingBytes > MAX_MESSAGE_BYTES) {
      throw new MllpFrameTooLarge(`an MLLP frame exceeded ${MAX_MESSAGE_BYTES} bytes`);
    }
  }

  /** The frame up to its 0x1C (which ends `tail`, or the previous chunk), without it. */
  private take(tail: Buffer): string {
    this.pending.push(tail);
    const framed = Buffer.concat(this.pending);
    this.discard();
    return framed.subarray(0, framed.length - 1).toString('utf8');
  }

  private discard(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.inFrame = false;
    this.endBlockSeen = false;
  }
}
