/** Everything the guest agent needs to start the job as if it ran on the host. */
export interface JobSpec {
  /** argv[0] is looked up in the job's PATH inside the guest. Raw bytes are kept as they are. */
  argv: Array<string | Uint8Array>;
  /** NAME=value entries, in order. */
  env: Array<string | Uint8Array>;
  cwd: string;
  /** The host directory of this run: stdin travels through it. */
  runDir: string;
  uid: number;
  gid: number;
  groups: number[];
  umask: number;
  /** A guest block device to swap on. */
  swapDevice?: string;
  /** Where the whole host file system appears in the guest. */
  hostMount?: string;
  /** Give the job a pseudo-terminal of this size instead of pipes. */
  terminal?: { rows: number; cols: number };
  readOnlyRoot?: boolean;
  /** With readOnlyRoot: host directories that stay writable. */
  writable?: string[];
  /** Writes go to a throw-away layer over the host root. */
  sandbox?: boolean;
  /** Host directory of the kernel's modules (<release>/kernel/...). */
  modulesDir?: string;
}
