import { Command, CommanderError } from "commander";
import { readFileSync, writeFileSync } from "node:fs";
import { defineCli } from "../options/definitions.js";
import { WrapperError } from "../result/errors.js";
import { EXIT } from "../result/exit-codes.js";
import type { RunResult } from "../result/result.js";
import { resultRecord } from "../result/json.js";
import { run } from "../run.js";
import { rawEnvironment, rawTrailingArgs } from "./raw-argv.js";
import { envFor, identityOf } from "../spec/caller.js";

const NAME = "uml-job-wrapper";

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

function say(line: string): void {
  process.stderr.write(`${NAME}: ${line}\n`);
}

/** A yes/no option: from the command line, or from its environment variable unless that says 0, false, no or off. */
function flag(cli: Command, option: string, envName: string): boolean {
  if (cli.getOptionValueSource(option) === "env") return !/^(0|false|no|off|)$/i.test(process.env[envName] ?? "");
  return Boolean(cli.opts()[option]);
}

/** Endings that are the wrapper's or the guest's fault, not the job's: HTCondor requeues those. */
const INFRASTRUCTURE = new Set(["wrapper-error", "boot-failure", "panic"]);

/** Under HTCondor, a wrapper failure goes to this file, so that the job is requeued rather than failed. */
function tellCondor(message: string): void {
  const file = process.env._CONDOR_WRAPPER_ERROR_FILE;
  if (file) writeFileSync(file, `${NAME}: ${message}\n`);
}

function showConsoleTail(lines: string[]): void {
  if (!lines.length) return;
  say("last lines of the guest console:");
  for (const line of lines) process.stderr.write(`  ${line}\n`);
}

function report(result: RunResult): void {
  if (result.message && result.ending !== "exited") say(result.message);
  if (INFRASTRUCTURE.has(result.ending)) tellCondor(result.message ?? result.ending);
  showConsoleTail(result.kernelLogTail);
}

/** HOST:GUEST (split at the last colon) of --bind. */
function bindOf(text: string): { host: string; guest: string } {
  const at = text.lastIndexOf(":");
  if (at <= 0 || at === text.length - 1) throw new WrapperError(`--bind ${text}: expected HOST:GUEST, two absolute paths`);
  return { host: text.slice(0, at), guest: text.slice(at + 1) };
}

function ms(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : seconds * 1000;
}

function writeResult(path: string, result: RunResult): void {
  try {
    writeFileSync(path, `${JSON.stringify(resultRecord(result), null, 2)}\n`);
  } catch (err) {
    say(`cannot write the result file ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** One-line errors, and no exit of commander's own, for a command and its subcommands. */
function quietErrors(cli: Command): void {
  cli.exitOverride().configureOutput({
    outputError: (text, write) => write(`${NAME}: ${text.trim().replace(/^error: /, "")} (see ${NAME} --help)\n`),
  });
  for (const sub of cli.commands) quietErrors(sub);
}

/** Parses with one-line errors; returns an exit code when parsing ended the run (help, bad option). */
async function parse(cli: Command, argv: string[], from: "node" | "user"): Promise<number | null> {
  quietErrors(cli);
  try {
    await cli.parseAsync(argv, { from });
    return null;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT.wrapperFailure;
    throw err;
  }
}

/** `uml-job-wrapper oci ...`: the OCI runtime entry points for Slurm's oci.conf. */
async function oci(argv: string[]): Promise<number> {
  let code = 0;
  const { ociCommand } = await import("../schedulers/oci-runtime.js");
  const cli = ociCommand((result) => {
    report(result);
    code = result.exitCode;
  });
  return (await parse(cli, argv, "user")) ?? code;
}

/** `uml-job-wrapper rootfs ...`: the cache of imported root file systems. */
async function rootfs(argv: string[]): Promise<number> {
  const { rootfsCommand } = await import("./rootfs-command.js");
  return (await parse(rootfsCommand(), argv, "user")) ?? 0;
}

/** `uml-job-wrapper kernel list|install|use`. */
async function kernel(argv: string[]): Promise<number> {
  const { kernelCommand } = await import("./kernel.js");
  return (await parse(kernelCommand(say), argv, "user")) ?? 0;
}

async function main(argv: string[]): Promise<number> {
  if (argv[2] === "oci") return oci(argv.slice(3));
  if (argv[2] === "rootfs") return rootfs(argv.slice(3));
  if (argv[2] === "kernel") return kernel(argv.slice(3));
  const cli = defineCli(version());
  const parsed = await parse(cli, argv, "node");
  if (parsed !== null) return parsed;
  const opts = cli.opts<{
    mem?: number; swap?: number; echo?: boolean; kernel?: string; link?: string[] | string; hostMount?: string;
    bootTimeout?: number; timeout?: number; killAfter?: number; tty?: boolean; logFile?: string; result?: string; json?: boolean; user?: string; readOnly?: boolean; sandbox?: boolean; writable?: string[] | string; rootfs?: string; sandboxKeep?: string; bind?: string[];
  }>();
  const echo = flag(cli, "echo", "UML_JOB_WRAPPER_ECHO");
  const list = (v: string[] | string | undefined) => (typeof v === "string" ? v.split(":").filter(Boolean) : v);
  const links = list(opts.link);
  const command: Array<string | Uint8Array> = cli.args.length ? rawTrailingArgs(cli.args.length) : [process.env.SHELL || "/bin/sh"];

  const user = opts.user === undefined ? undefined : identityOf(opts.user);
  const result = await run({
    command,
    env: user ? envFor(rawEnvironment(), user) : rawEnvironment(),
    kernel: opts.kernel,
    mem: opts.mem,
    swap: opts.swap,
    links,
    hostMount: opts.hostMount,
    bootTimeoutMs: ms(opts.bootTimeout),
    timeoutMs: ms(opts.timeout),
    killAfterMs: ms(opts.killAfter),
    tty: opts.tty,
    readOnly: flag(cli, "readOnly", "UML_JOB_WRAPPER_READ_ONLY"),
    sandbox: flag(cli, "sandbox", "UML_JOB_WRAPPER_SANDBOX"),
    writable: list(opts.writable),
    rootfs: opts.rootfs,
    binds: opts.bind?.map(bindOf),
    rootfsWritable: flag(cli, "rootfsWritable", "UML_JOB_WRAPPER_ROOTFS_WRITABLE"),
    sandboxKeep: opts.sandboxKeep,
    net: flag(cli, "net", "UML_JOB_WRAPPER_NET"),
    user,
    logFile: opts.logFile,
    progress: process.stderr,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    echo: echo ? process.stderr : undefined,
    forwardSignals: true,
  });
  report(result);
  if (opts.result) writeResult(opts.result, result);
  if (opts.json) process.stderr.write(`${JSON.stringify(resultRecord(result))}\n`);
  return result.exitCode;
}

main(process.argv).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message = err instanceof WrapperError ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`;
    say(message);
    if (err instanceof WrapperError) showConsoleTail(err.kernelLogTail);
    tellCondor(message);
    if (process.env.UML_JOB_WRAPPER_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exit(EXIT.wrapperFailure);
  },
);
