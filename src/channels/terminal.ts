import type { ReadStream, WriteStream } from "node:tty";
import type { Readable, Writable } from "node:stream";
import type { ControlChannel } from "../protocol/control-channel.js";
import { HostMsg } from "../protocol/messages.js";

export interface WindowSize {
  rows: number;
  cols: number;
}

function isTty(s: Readable | Writable | null | undefined): boolean {
  return Boolean(s && (s as ReadStream).isTTY);
}

/** Terminal mode is the default when both stdin and stdout are terminals. */
export function wantsTerminal(stdin: Readable | null | undefined, stdout: Writable | null | undefined): boolean {
  return isTty(stdin) && isTty(stdout);
}

export function windowSize(stdout: Writable): WindowSize {
  const s = stdout as WriteStream;
  return { rows: s.rows || 24, cols: s.columns || 80 };
}

export function encodeWindowSize(w: WindowSize): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt16LE(w.rows, 0);
  b.writeUInt16LE(w.cols, 2);
  return b;
}

/**
 * Puts the host terminal in raw mode, so that every key (Ctrl-C included) reaches the job's terminal in
 * the guest, and passes window size changes on. Returns the function that undoes both; it also runs at
 * process exit, whatever the path.
 */
export function attachTerminal(stdin: Readable, stdout: Writable, control: ControlChannel): () => void {
  const input = stdin as ReadStream;
  const raw = isTty(input) && !input.isRaw;
  if (raw) input.setRawMode(true);
  const onResize = () => control.send(HostMsg.WINSIZE, encodeWindowSize(windowSize(stdout)));
  process.on("SIGWINCH", onResize);
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.off("SIGWINCH", onResize);
    process.off("exit", restore);
    if (raw) input.setRawMode(false);
  };
  process.on("exit", restore);
  return restore;
}
