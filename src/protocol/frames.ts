import { ExitFlag, ExitHow, GuestMsg, type GuestMessage } from "./messages.js";

const HEADER = 5;

export function encodeFrame(type: number, payload: Uint8Array = new Uint8Array(0)): Buffer {
  const frame = Buffer.allocUnsafe(HEADER + payload.length);
  frame[0] = type;
  frame.writeUInt32LE(payload.length, 1);
  frame.set(payload, HEADER);
  return frame;
}

export function u32(...values: number[]): Buffer {
  const b = Buffer.allocUnsafe(4 * values.length);
  values.forEach((v, i) => b.writeUInt32LE(v >>> 0, 4 * i));
  return b;
}

/** Splits a byte stream into frames, however it was chunked. */
export class FrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Array<{ type: number; payload: Buffer }> {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const frames: Array<{ type: number; payload: Buffer }> = [];
    while (this.pending.length >= HEADER) {
      const len = this.pending.readUInt32LE(1);
      if (this.pending.length < HEADER + len) break;
      frames.push({ type: this.pending[0]!, payload: this.pending.subarray(HEADER, HEADER + len) });
      this.pending = this.pending.subarray(HEADER + len);
    }
    return frames;
  }
}

export function decodeGuestMessage(type: number, p: Buffer): GuestMessage {
  switch (type) {
    case GuestMsg.READY:
      return { type: "ready", version: p.readUInt32LE(0), kernelRelease: p.subarray(4).toString() };
    case GuestMsg.STARTED:
      return { type: "started" };
    case GuestMsg.EXIT:
      return {
        type: "exit",
        how: p.readUInt32LE(0) === ExitHow.SIGNALED ? "signaled" : "exited",
        code: p.readUInt32LE(4),
        peakRssKiB: p.readUInt32LE(8) + p.readUInt32LE(12) * 2 ** 32,
        oom: p.length >= 20 && (p.readUInt32LE(16) & ExitFlag.OOM) !== 0,
      };
    case GuestMsg.ERROR:
      return { type: "error", stage: p.readUInt32LE(0), errno: p.readUInt32LE(4), message: p.subarray(8).toString() };
    case GuestMsg.STDIN_ACK:
      return { type: "stdin-ack", chunks: p.readUInt32LE(0) };
    default:
      return { type: "unknown", code: type };
  }
}
