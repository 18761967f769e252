import type { Readable, Writable } from "node:stream";
import type { Identity } from "../spec/caller.js";
import type { Bind } from "../spec/job-spec.js";

/** What run() takes. Only command is required: everything else defaults to "as on the host". */
export interface RunOptions {
  /** The command and its arguments. Raw bytes (Uint8Array) are passed unchanged. */
  command: Array<string | Uint8Array>;
  /** The job's environment: an object, or raw NAME=value entries. Default: process.env. */
  env?: Record<string, string | undefined> | Array<string | Uint8Array>;
  /** Default: process.cwd(). */
  cwd?: string;
  /** The UML kernel. Default: the `kernel use` choice, else the newest installed (README, Kernels). */
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
  /** Stop the job (SIGTERM, then SIGKILL) once it has run this long; the run ends with exit code 124. */
  timeoutMs?: number;
  /** After SIGTERM (from --timeout or a signal), how long the job has before SIGKILL. Default: DEFAULTS.killAfterSeconds. */
  killAfterMs?: number;
  /** Give the job a pseudo-terminal. Default: when stdin and stdout are both terminals. */
  tty?: boolean;
  /** Write the whole guest console (a full boot log) to this file. */
  logFile?: string;
  /** Mount the host's file system read-only in the guest, with a private tmpfs at /tmp. */
  readOnly?: boolean;
  /** Host directories the job may still write in; implies readOnly for everything else. */
  writable?: string[];
  /** Let the job write anywhere it could, into a layer that is discarded: the host keeps nothing. */
  sandbox?: boolean;
  /** A foreign root file system: a directory, an ext2/3/4 image, an archive, or an imported root's name. */
  rootfs?: string;
  /** With rootfs: host directories shown at other paths in the root (an OCI bundle's bind mounts). */
  binds?: Bind[];
  /** Let the job write to the rootfs source itself. */
  rootfsWritable?: boolean;
  /** With sandbox (implied): save what the job changed on the host into this directory. */
  sandboxKeep?: string;
  /** Outbound networking for the job, through slirp4netns. Default: loopback only. */
  net?: boolean;
  /** Show a spinner here while a slow boot goes on, if it is a terminal. */
  progress?: Writable;
}
