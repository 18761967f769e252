import type { Writable } from "node:stream";

const KEEP_BYTES = 256 * 1024;

/** The guest console (kernel log and UML's own messages): kept in memory, shown live with --echo. */
export class ConsoleLog {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly echo?: Writable) {}

  push(chunk: Buffer): void {
    this.echo?.write(chunk);
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
