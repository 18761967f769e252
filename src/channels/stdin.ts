import { chownSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { debug } from "../machine/debug.js";
import type { ControlChannel } from "../protocol/control-channel.js";
import { u32 } from "../protocol/frames.js";
import { HostMsg, STDIN_CHUNKS_IN_FLIGHT, STDIN_CHUNK_MAX, type GuestMessage } from "../protocol/messages.js";

/**
 * Forwards the wrapper's stdin to the job: each piece goes into a chunk file in the run directory, which
 * the agent reads through hostfs, and only its number crosses the control channel (see guest/protocol.h
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
  let ended = false;

  const send = (piece: Buffer) => {
    const n = next++;
    const file = join(runDir, `stdin.${n}`);
    writeFileSync(file, piece, { mode: 0o600 });
    if (owner) chownSync(file, owner.uid, owner.gid); // the kernel runs as the job's user
    control.send(HostMsg.STDIN_CHUNK, u32(n, piece.length));
    inFlight++;
  };
  const onData = (data: Buffer | string) => {
    const chunk = typeof data === "string" ? Buffer.from(data) : data;
    for (let at = 0; at < chunk.length; at += STDIN_CHUNK_MAX) send(chunk.subarray(at, at + STDIN_CHUNK_MAX));
    if (inFlight >= STDIN_CHUNKS_IN_FLIGHT) source.pause();
    debug(`stdin: sent ${chunk.length} bytes, ${inFlight} chunks in flight`);
  };
  const onEnd = () => {
    if (ended) return;
    ended = true;
    debug("stdin: EOF");
    control.send(HostMsg.STDIN_EOF);
  };
  const onAck = (msg: GuestMessage) => {
    if (msg.type !== "stdin-ack") return;
    inFlight -= msg.chunks;
    if (inFlight < STDIN_CHUNKS_IN_FLIGHT && !ended) source.resume();
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
