/** The file descriptors linux.uml is given, and what the guest sees them as. */
export const FD = {
  /** UML's own stdout: early boot checks and messages. */
  umlStdout: 1,
  /** UML's own stderr, and the guest console con0 (the kernel log). */
  console: 2,
  /** Guest /dev/ttyS1: the job's stdout. */
  jobStdout: 3,
  /** Guest /dev/ttyS2: the job's stderr. */
  jobStderr: 4,
  /** Guest /dev/ttyS3: the control channel, both ways. */
  control: 5,
} as const;

/**
 * Initcalls that only cost boot time in a job guest (measured: raid6 benchmarks alone take ~850 ms,
 * in raid6_select_algo up to 6.x and raid6_init in 7.x; the others wait at random). Names a kernel
 * lacks are ignored. See ../shared/notes/uml-facts.md.
 */
export const SLOW_INITCALLS = ["raid6_select_algo", "raid6_init", "init_zswap", "strp_dev_init", "init_jfs_fs", "init_btrfs_fs", "init_xfs_fs"];

export interface KernelArgs {
  memBytes: number;
  umid: string;
  umlDir: string;
  initrd: string;
  /** Loops per jiffy from an earlier boot, to skip delay-loop calibration. */
  lpj?: number;
  /** Print the whole boot log on the console (otherwise only warnings and errors). */
  verbose: boolean;
  /** A host file for guest /dev/ubdb, used as swap. */
  swapFile?: string;
  /** An ext2/3/4 image for guest /dev/ubda, under a copy-on-write file unless the job may change it. */
  rootImage?: { file: string; cow?: string };
  /** Confine the guest's hostfs mounts to this host directory (hostfs=). */
  hostfsRoot?: string;
}

export function kernelCommandLine(a: KernelArgs): string[] {
  const args = [
    `mem=${Math.floor(a.memBytes / 1024 / 1024)}M`,
    // Without noreboot, the agent's power-off would start the kernel again.
    "noreboot",
    `umid=${a.umid}`,
    `uml_dir=${a.umlDir}`,
    `initrd=${a.initrd}`,
    // Only the lines we use exist: unused ones as "null" still cost ~200 ms of device set-up at boot.
    "con=none",
    "ssl=none",
    `con0=null,fd:${FD.console}`,
    `ssl1=null,fd:${FD.jobStdout}`,
    `ssl2=null,fd:${FD.jobStderr}`,
    `ssl3=fd:${FD.control}`,
    "pty.legacy_count=0",
    // No LSM work in a throw-away job guest (it also keeps SELinux notices out of failure reports).
    "lsm=capability",
    `initcall_blacklist=${SLOW_INITCALLS.join(",")}`,
  ];
  if (!a.verbose) args.push("quiet");
  if (a.lpj) args.push(`lpj=${a.lpj}`);
  if (a.rootImage) args.push(`ubd0=${a.rootImage.cow ? `${a.rootImage.cow},` : ""}${a.rootImage.file}`);
  if (a.swapFile) args.push(`ubd1=${a.swapFile}`);
  if (a.hostfsRoot && a.hostfsRoot !== "/") args.push(`hostfs=${a.hostfsRoot}`);
  return args;
}
