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
  /** A foreign root file system instead of the host's. */
  root?: ForeignRoot;
  /** Host directories shown at the same paths in a foreign root (the working directory among them). */
  links?: string[];
  /** Host directories shown at other paths in a foreign root. */
  binds?: Bind[];
  /** The job user's passwd line and its groups' lines, added to a foreign root that lacks their ids. */
  passwdLine?: string;
  groupLines?: string[];
  /** With sandbox: a host directory that receives what the job changed. */
  keepDir?: string;
  /** The kernel's hostfs= prefix, under which every host path of this spec lies. */
  hostfsRoot?: string;
  /** Outbound networking through the guest's eth0. */
  net?: NetConfig;
}

/** A host directory and the path it appears at in the guest. */
export interface Bind {
  host: string;
  guest: string;
}

export interface ForeignRoot {
  /** A host directory (through hostfs), or a guest block device holding an ext2/3/4 file system. */
  dir?: string;
  device?: string;
  /** The job writes to the root itself rather than to a throw-away layer. */
  writable: boolean;
}

/** IPv4 addresses as dotted quads. */
export interface NetConfig {
  address: string;
  prefixLength: number;
  gateway: string;
  dns: string;
}
