import { EventEmitter } from "node:events";
import type { Duplex } from "node:stream";
import { FrameDecoder, decodeGuestMessage, encodeFrame } from "./frames.js";
import type { GuestMessage } from "./messages.js";

/**
 * The control channel to the guest agent. Nothing may be sent before the agent's READY: the guest tty
 * drops input that arrives before it is opened. The host never closes its end (that would hang up the
 * guest tty and drop unread input).
 */
export class ControlChannel extends EventEmitter<{ message: [GuestMessage] }> {
  private readonly decoder = new FrameDecoder();
  ready = false;
  /** Resolves once everything the guest sent has been read (the channel reached its end, or failed). */
  readonly drained: Promise<void>;

  constructor(private readonly socket: Duplex) {
    super();
    socket.on("data", (chunk: Buffer) => {
      for (const f of this.decoder.push(chunk)) {
        const msg = decodeGuestMessage(f.type, f.payload);
        if (msg.type === "ready") this.ready = true;
        this.emit("message", msg);
      }
    });
    socket.on("error", () => {}); // the kernel's exit is what ends a run
    this.drained = new Promise((resolve) => {
      socket.once("end", () => resolve());
      socket.once("close", () => resolve());
    });
  }

  send(type: number, payload?: Uint8Array): void {
    if (!this.ready) throw new Error("control message before the guest is ready");
    this.socket.write(encodeFrame(type, payload));
  }
}
