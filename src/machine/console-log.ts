import { writeSync } from "node:fs";
import type { Writable } from "node:stream";

const KEEP_BYTES = 256 * 1024;

/**
 * The guest console (kernel log and UML's own messages): the end kept in memory for failure reports,
 * shown live with --echo, all of it written to a log file with --log-file.
 */
export class ConsoleLog {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly echo?: Writable,
    private readonly logFd?: number,
  ) {}

  push(chunk: Buffer): void {
    this.echo?.write(chunk);
    if (this.logFd !== undefined) writeSync(this.logFd, chunk);
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > KEEP_BYTES && this.chunks.length > 1) this.size -= this.chunks.shift()!.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }

  /** The last n non-empty lines, the place to look when the guest failed. */
  tail(n = 20): string[] {
    return this.text()
      .split(/\r?\n/)
      .map((l) => l.trimEnd())
      .filter(Boolean)
      .slice(-n);
  }
}
