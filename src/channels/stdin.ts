import { chownSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { debug } from "../machine/debug.js";
import type { ControlChannel } from "../protocol/control-channel.js";
import { u32 } from "../protocol/frames.js";
import { HostMsg, STDIN_CHUNKS_IN_FLIGHT, STDIN_CHUNK_MAX, type GuestMessage } from "../protocol/messages.js";

/** Below this many chunks in flight a piece of input goes out at once (keystrokes); above, it waits to
 * be sent with what follows, so that bulk input travels in few, large chunks. */
const EAGER_IN_FLIGHT = 2;

/**
 * Forwards the wrapper's stdin to the job: input goes into chunk files in the run directory, which the
 * agent reads through hostfs, and only their numbers cross the control channel (see guest/protocol.h
 * for why). At most STDIN_CHUNKS_IN_FLIGHT chunks wait at once: a job that does not read its stdin
 * stops the wrapper reading it. Returns a function that stops forwarding.
 */
export function forwardStdin(
  source: Readable,
  control: ControlChannel,
  runDir: string,
  owner?: { uid: number; gid: number },
): () => void {
  let next = 0;
  let inFlight = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let ended = false;
  let eofSent = false;

  const sendChunk = () => {
    const all = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
    const piece = all.subarray(0, STDIN_CHUNK_MAX);
    pending = piece.length < all.length ? [all.subarray(piece.length)] : [];
    pendingBytes = all.length - piece.length;
    const n = next++;
    const file = join(runDir, `stdin.${n}`);
    writeFileSync(file, piece, { mode: 0o600 });
    if (owner) chownSync(file, owner.uid, owner.gid); // the kernel runs as the job's user
    control.send(HostMsg.STDIN_CHUNK, u32(n, piece.length));
    inFlight++;
    debug(`stdin: chunk ${n} of ${piece.length} bytes, ${inFlight} in flight`);
  };
  /** Sends what is pending as far as the window allows, then EOF once everything is out. */
  const flush = (eager: boolean) => {
    const limit = eager ? STDIN_CHUNKS_IN_FLIGHT : EAGER_IN_FLIGHT;
    while (pendingBytes > 0 && inFlight < limit) sendChunk();
    if (ended && pendingBytes === 0 && !eofSent) {
      eofSent = true;
      control.send(HostMsg.STDIN_EOF);
    }
    if (pendingBytes >= STDIN_CHUNK_MAX) source.pause();
    else if (!ended) source.resume();
  };
  const onData = (data: Buffer | string) => {
    const chunk = typeof data === "string" ? Buffer.from(data) : data;
    pending.push(chunk);
    pendingBytes += chunk.length;
    flush(pendingBytes >= STDIN_CHUNK_MAX);
  };
  const onEnd = () => {
    ended = true;
    flush(true);
  };
  const onAck = (msg: GuestMessage) => {
    if (msg.type !== "stdin-ack") return;
    inFlight -= msg.chunks;
    flush(true);
  };

  source.on("data", onData);
  source.once("end", onEnd);
  source.once("error", onEnd); // an unreadable stdin (closed, a directory) is an empty one
  control.on("message", onAck);
  return () => {
    source.off("data", onData);
    source.off("end", onEnd);
    control.off("message", onAck);
    source.pause();
  };
}
