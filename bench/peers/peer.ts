import { spawnSync } from "node:child_process";

/** Something a user could pick instead of the wrapper, measured on the same jobs. */
export interface Peer {
  name: string;
  /** Gets ready in the bench's temp dir; returns why the peer cannot be measured, or null. */
  setup(dir: string, spawner: string): string | null;
  /** Runs /bin/true once. */
  trueArgv(): string[];
  /** Runs the spawner, which starts /bin/true n times and prints how long that took. */
  spawnArgv(n: number): string[];
  /** How the baseline reads in the table, e.g. "proot /bin/true". */
  label: string;
  /** Milliseconds a single run may take before it counts as hung. */
  timeoutMs: number;
}

export function installed(program: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${program}`], { stdio: "ignore" }).status === 0;
}

/** A peer that runs a host command under a prefix (proot, bwrap): the job sees the host's root. */
export function prefixPeer(name: string, prefix: string[]): Peer {
  let spawner = "";
  const wrap = (job: string[]) => [...prefix, ...job];
  return {
    name,
    label: `${name} /bin/true`,
    timeoutMs: 120_000,
    setup(_dir, built) {
      spawner = built;
      return installed(prefix[0]!) ? null : "not installed";
    },
    trueArgv: () => wrap(["/bin/true"]),
    spawnArgv: (n) => wrap([spawner, String(n), "/bin/true"]),
  };
}
