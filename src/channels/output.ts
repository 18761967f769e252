import type { Readable, Writable } from "node:stream";

/**
 * Copies one of the job's output channels to its host stream, with backpressure, and resolves when the
 * channel ends (the kernel exited and everything it wrote has been copied).
 */
export function relayOutput(channel: Readable, target: Writable): Promise<void> {
  return new Promise((resolve) => {
    channel.on("data", (chunk: Buffer) => {
      if (!target.write(chunk)) {
        channel.pause();
        target.once("drain", () => channel.resume());
      }
    });
    // A target that went away (EPIPE) drops the rest; the job still runs to its end.
    target.on("error", () => channel.resume());
    channel.once("close", () => resolve());
    channel.on("error", () => {});
  });
}
