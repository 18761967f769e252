import { EXIT } from "./exit-codes.js";

/** A failure the user can act on: a one-line message, the exit code, and the guest's last words. */
export class WrapperError extends Error {
  readonly exitCode: number;
  /** The end of the kernel log, for failures inside the guest. */
  readonly kernelLogTail: string[];

  constructor(message: string, options: { exitCode?: number; kernelLogTail?: string[] } = {}) {
    super(message);
    this.name = "WrapperError";
    this.exitCode = options.exitCode ?? EXIT.wrapperFailure;
    this.kernelLogTail = options.kernelLogTail ?? [];
  }
}

/** The message of an error from Node's fs/child_process, without the stack: "no such file or directory". */
export function describeSystemError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as NodeJS.ErrnoException).code;
  // "ENOENT: no such file or directory, stat '/x'" -> "no such file or directory"
  return code ? err.message.replace(new RegExp(`^${code}: `), "").replace(/, \w+ '.*'$/, "") : err.message;
}
