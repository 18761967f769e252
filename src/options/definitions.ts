import { Command, InvalidArgumentError, Option } from "commander";
import { EXIT } from "../result/exit-codes.js";
import { parseSize } from "./sizes.js";
import { DEFAULTS } from "./defaults.js";

export const ENV_PREFIX = "UML_JOB_WRAPPER_";

function size(text: string): number {
  const bytes = parseSize(text);
  if (bytes === null) throw new InvalidArgumentError("expected a size such as 512M or 2G.");
  return bytes;
}

function seconds(text: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(n > 0)) throw new InvalidArgumentError("expected a positive number of seconds.");
  return n;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

const EXIT_CODES_HELP = `
Exit status:
  the job's own exit status
  ${EXIT.signalBase}+N    the job was killed by signal N
  ${EXIT.wrapperFailure}      the wrapper or the guest failed (bad option, no kernel, boot failure, kernel panic)
  ${EXIT.notExecutable}      the command was found but could not be executed
  ${EXIT.notFound}      the command was not found

With no command, runs $SHELL (or /bin/sh). Options must come before the command; use -- to run a
command whose name starts with - or names a subcommand. Every option can also be set in the
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
      new Option("-k, --kernel <path>", "the UML kernel to boot (default: linux.uml or linux on PATH)").env(`${ENV_PREFIX}KERNEL`),
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
      new Option("--boot-timeout <seconds>", `give up on a guest that has not booted by then (default: ${DEFAULTS.bootTimeoutSeconds})`)
        .env(`${ENV_PREFIX}BOOT_TIMEOUT`)
        .argParser(seconds),
    )
    .addHelpText("after", EXIT_CODES_HELP);
}
