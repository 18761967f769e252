import { createReadStream, openSync, readSync, closeSync } from "node:fs";
import { Readable, Transform } from "node:stream";
import { createGunzip } from "node:zlib";

export type Compression = "gzip" | "xz" | "zstd" | "none";

const MAGIC: Array<[Compression, number[]]> = [
  ["gzip", [0x1f, 0x8b]],
  ["xz", [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ["zstd", [0x28, 0xb5, 0x2f, 0xfd]],
];

/** The first bytes of a file. */
export function head(path: string, length: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(length);
    return buf.subarray(0, readSync(fd, buf, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

export function compressionOf(start: Buffer): Compression {
  for (const [kind, magic] of MAGIC) if (magic.every((b, i) => start[i] === b)) return kind;
  return "none";
}

/** Whether the (decompressed) bytes start like a tar archive: a ustar header, or an old-style one. */
export function looksLikeTar(start: Buffer): boolean {
  if (start.length >= 263 && start.toString("latin1", 257, 262) === "ustar") return true;
  if (start.length < 512) return false;
  // A v7 header: a checksum field of octal digits that matches the header's bytes.
  const sum = parseInt(start.toString("latin1", 148, 156).replace(/\0.*$/, "").trim(), 8);
  let total = 0;
  for (let i = 0; i < 512; i++) total += i >= 148 && i < 156 ? 32 : start[i]!;
  return Number.isFinite(sum) && sum === total;
}

/** A zstd decoder as a Node transform (fzstd is push-based). */
async function zstdStream(): Promise<Transform> {
  const { Decompress } = await import("fzstd");
  let push: (chunk: Uint8Array) => void = () => {};
  const decoder = new Decompress((chunk) => push(chunk));
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      push = (c) => this.push(Buffer.from(c));
      try {
        decoder.push(chunk);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done) {
      try {
        decoder.push(new Uint8Array(0), true);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
}

async function xzStream(raw: Readable): Promise<Readable> {
  const { XzReadableStream } = (await import("xz-decompress")).default; // a CommonJS module
  const xz = Readable.fromWeb(new XzReadableStream(Readable.toWeb(raw) as ReadableStream<Uint8Array>) as never);
  // The web stream yields Uint8Arrays; tar's parser wants Buffers.
  const toBuffer = (c: Uint8Array) => Buffer.from(c.buffer, c.byteOffset, c.byteLength);
  return xz.pipe(new Transform({ transform: (chunk: Uint8Array, _enc, done) => done(null, toBuffer(chunk)) }));
}

/** The decompressed contents of a file, whatever its compression. */
export async function openDecompressed(path: string, onRead?: (bytes: number) => void): Promise<Readable> {
  const compression = compressionOf(head(path, 8));
  // Decoders that load lazily are ready before the file is opened: no data may flow before they are attached.
  const decoder = compression === "gzip" ? createGunzip() : compression === "zstd" ? await zstdStream() : null;
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const out = compression === "xz" ? await xzStream(raw) : decoder ? raw.pipe(decoder) : raw;
  if (decoder) raw.on("error", (err) => decoder.destroy(err));
  if (onRead) raw.on("data", (c: Buffer | string) => onRead(c.length));
  return out;
}
