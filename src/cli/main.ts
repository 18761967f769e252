import { CommanderError } from "commander";
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

/** True unless an environment variable says 0, false, no or off. */
function envFlag(name: string): boolean {
  return !/^(0|false|no|off|)$/i.test(process.env[name] ?? "");
}

function report(result: RunResult): void {
  if (result.message && result.ending !== "exited") say(result.message);
  if (result.kernelLogTail.length) {
    say("last lines of the guest console:");
    for (const line of result.kernelLogTail) process.stderr.write(`  ${line}\n`);
  }
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

async function main(argv: string[]): Promise<number> {
  const cli = defineCli(version())
    .exitOverride()
    .configureOutput({
      outputError: (text, write) => write(`${NAME}: ${text.trim().replace(/^error: /, "")} (see ${NAME} --help)\n`),
    });
  try {
    cli.parse(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT.wrapperFailure;
    throw err;
  }
  const opts = cli.opts<{
    mem?: number; swap?: number; echo?: boolean; kernel?: string; link?: string[] | string; hostMount?: string;
    bootTimeout?: number; timeout?: number; killAfter?: number; tty?: boolean; logFile?: string; result?: string; json?: boolean; user?: string;
  }>();
  const echo = cli.getOptionValueSource("echo") === "env" ? envFlag("UML_JOB_WRAPPER_ECHO") : Boolean(opts.echo);
  const links = typeof opts.link === "string" ? opts.link.split(":").filter(Boolean) : opts.link;
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
    say(err instanceof WrapperError ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.UML_JOB_WRAPPER_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exit(EXIT.wrapperFailure);
  },
);
