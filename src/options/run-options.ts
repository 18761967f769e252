import type { Readable, Writable } from "node:stream";
import type { Identity } from "../spec/caller.js";

/** What run() takes. Only command is required: everything else defaults to "as on the host". */
export interface RunOptions {
  /** The command and its arguments. Raw bytes (Uint8Array) are passed unchanged. */
  command: Array<string | Uint8Array>;
  /** The job's environment: an object, or raw NAME=value entries. Default: process.env. */
  env?: Record<string, string | undefined> | Array<string | Uint8Array>;
  /** Default: process.cwd(). */
  cwd?: string;
  /** The UML kernel. Default: linux.uml or linux on PATH. */
  kernel?: string;
  /** Guest memory in bytes, or a size such as "512M". Default: DEFAULTS.mem. */
  mem?: number | string;
  /** A swap area for the guest, in bytes or as a size. Default: none. */
  swap?: number | string;
  /** Host directories that must appear at the same paths in the guest. */
  links?: string[];
  /** Where the whole host file system appears in the guest; null for nowhere. Default: /mnt/host. */
  hostMount?: string | null;
  /** Run the job as this user instead of the caller (only when the caller is root). */
  user?: Identity;
  /** Default: no input (the job reads EOF). */
  stdin?: Readable | null;
  /** Default: process.stdout. */
  stdout?: Writable;
  /** Default: process.stderr. */
  stderr?: Writable;
  /** Stream the guest console here (the CLI's --echo passes process.stderr). */
  echo?: Writable;
  /** Give up on a guest that has not booted within this time. Default: DEFAULTS.bootTimeoutSeconds. */
  bootTimeoutMs?: number;
  /** Pass SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 of this process to the job. Default: false. */
  forwardSignals?: boolean;
}
