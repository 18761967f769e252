import { Command, InvalidArgumentError, Option } from "commander";
import { EXIT } from "../result/exit-codes.js";
import { parseSize } from "./sizes.js";
import { parseDuration } from "./durations.js";
import { DEFAULTS } from "./defaults.js";

export const ENV_PREFIX = "UML_JOB_WRAPPER_";

function size(text: string): number {
  const bytes = parseSize(text);
  if (bytes === null) throw new InvalidArgumentError("expected a size such as 512M or 2G.");
  return bytes;
}

function seconds(text: string): number {
  const n = parseDuration(text);
  if (n === null || !(n > 0)) throw new InvalidArgumentError("expected a duration such as 30, 1.5m or 2h.");
  return n;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

const EXIT_CODES_HELP = `
Exit status:
  the job's own exit status
  ${EXIT.signalBase}+N    the job was killed by signal N
  ${EXIT.timeout}      --timeout expired and the job was stopped
  ${EXIT.wrapperFailure}      the wrapper or the guest failed (bad option, no kernel, boot failure, kernel panic)
  ${EXIT.notExecutable}      the command was found but could not be executed
  ${EXIT.notFound}      the command was not found

Commands:
  uml-job-wrapper rootfs import|list|rm    the cache of root file systems imported from archives
  uml-job-wrapper oci run|state|kill|delete  the OCI runtime entry for Slurm's oci.conf
  uml-job-wrapper kernel list|install|use    UML kernels: the installed ones, newer ones from Debian, the default

With no command, runs $SHELL (or /bin/sh). Options must come before the command; use -- to run a
command whose name starts with - or is "oci", "rootfs" or "kernel". Every option can also be set in the
environment (shown beside it); the command line wins.`;

/** The command-line interface: options, their environment variables, and help. */
export function defineCli(version: string): Command {
  return new Command("uml-job-wrapper")
    .description("Run a command inside a User-Mode Linux guest kernel, as if it ran on the host.")
    .usage("[options] [--] [command [args...]]")
    .version(version, "-V, --version")
    .argument("[command...]", "the command to run and its arguments")
    .passThroughOptions()
    .allowExcessArguments()
    .addOption(
      new Option("-m, --mem <size>", `guest memory, e.g. 512M or 2G (default: ${DEFAULTS.mem})`)
        .env(`${ENV_PREFIX}MEM`)
        .argParser(size),
    )
    .addOption(new Option("--swap <size>", "add a swap area of this size to the guest").env(`${ENV_PREFIX}SWAP`).argParser(size))
    .addOption(new Option("-e, --echo", "show the guest console (boot and shutdown messages) on stderr").env(`${ENV_PREFIX}ECHO`))
    .addOption(
      new Option("-k, --kernel <path>", "the UML kernel to boot (default: the `kernel use` choice, else the newest installed; see `uml-job-wrapper kernel list`)").env(`${ENV_PREFIX}KERNEL`),
    )
    .addOption(
      new Option("-l, --link <dir>", "a host directory to show at the same path in the guest (repeatable; default: the working directory, and /afs when it exists)")
        .env(`${ENV_PREFIX}LINK`)
        .argParser(collect),
    )
    .addOption(
      new Option("--host-mount <dir>", `where the whole host file system appears in the guest (default: ${DEFAULTS.hostMount})`).env(
        `${ENV_PREFIX}HOST_MOUNT`,
      ),
    )
    .addOption(
      new Option("-t, --timeout <duration>", "stop the job after it has run this long (SIGTERM, then SIGKILL), exit 124; boot time does not count")
        .env(`${ENV_PREFIX}TIMEOUT`)
        .argParser(seconds),
    )
    .addOption(
      new Option("--kill-after <duration>", `after SIGTERM (from --timeout or a signal), SIGKILL the job this much later (default: ${DEFAULTS.killAfterSeconds}s)`)
        .env(`${ENV_PREFIX}KILL_AFTER`)
        .argParser(seconds),
    )
    .addOption(
      new Option("--boot-timeout <duration>", `give up on a guest that has not booted by then (default: ${DEFAULTS.bootTimeoutSeconds}s)`)
        .env(`${ENV_PREFIX}BOOT_TIMEOUT`)
        .argParser(seconds),
    )
    .addOption(
      new Option("--rootfs <source>", "boot this root file system instead of the host's: a directory, an ext2/3/4 image, a tarball, a docker-save or OCI archive, or the name of an imported one")
        .env(`${ENV_PREFIX}ROOTFS`),
    )
    .addOption(
      new Option("--bind <host:guest>", "with --rootfs, show the host directory HOST at GUEST in the root (repeatable)").argParser(collect),
    )
    .addOption(new Option("--rootfs-writable", "let the job change the --rootfs source itself (default: its changes go to a layer that is discarded)").env(`${ENV_PREFIX}ROOTFS_WRITABLE`))
    .addOption(new Option("--sandbox-keep <dir>", "--sandbox, and save what the job changed into DIR (an OCI-style layer: .wh.NAME marks a deletion)").env(`${ENV_PREFIX}SANDBOX_KEEP`))
    .addOption(new Option("--net", "give the job outbound networking (through slirp4netns; the host's loopback is at 10.0.2.2)").env(`${ENV_PREFIX}NET`))
    .addOption(new Option("--sandbox", "the job may write anywhere it could, but into a layer that is discarded: the host keeps nothing").env(`${ENV_PREFIX}SANDBOX`))
    .addOption(
      new Option("--writable <dir>", "with everything else read-only (as --read-only), leave this host directory writable (repeatable)")
        .env(`${ENV_PREFIX}WRITABLE`)
        .argParser(collect),
    )
    .addOption(new Option("--read-only", "the job may write nothing on the host: the host's file system is read-only in the guest, /tmp a private tmpfs").env(`${ENV_PREFIX}READ_ONLY`))
    .addOption(new Option("-u, --user <user>", "run the job as this user (a name or uid; the wrapper must run as root)").env(`${ENV_PREFIX}USER`))
    .addOption(new Option("--tty", "give the job a pseudo-terminal (default when stdin and stdout are terminals)"))
    .addOption(new Option("--no-tty", "give the job pipes even on a terminal"))
    .addOption(new Option("--log-file <path>", "write the whole guest console (a full boot log) to this file").env(`${ENV_PREFIX}LOG_FILE`))
    .addOption(new Option("--result <file>", "write a JSON record of the run (exit code, how it ended, timings, peak memory) to this file").env(`${ENV_PREFIX}RESULT`))
    .addOption(new Option("--json", "print that JSON record on stderr, as the last line"))
    .addHelpText("after", EXIT_CODES_HELP);
}
