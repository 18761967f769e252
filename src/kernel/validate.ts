import { accessSync, closeSync, constants, openSync, readSync, statSync } from "node:fs";
import { WrapperError, describeSystemError } from "../result/errors.js";

function readAt(fd: number, offset: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = readSync(fd, buf, 0, length, offset);
  return buf.subarray(0, n);
}

/** The names of an ELF64 little-endian file's sections, or null when it is not one. */
export function elfSectionNames(fd: number): string[] | null {
  const h = readAt(fd, 0, 64);
  if (h.length < 64 || h.readUInt32BE(0) !== 0x7f454c46 || h[4] !== 2 || h[5] !== 1) return null;
  const shoff = Number(h.readBigUInt64LE(0x28));
  const shentsize = h.readUInt16LE(0x3a);
  const shnum = h.readUInt16LE(0x3c);
  const shstrndx = h.readUInt16LE(0x3e);
  if (!shoff || shentsize < 64 || shstrndx >= shnum) return null;
  const table = readAt(fd, shoff, shnum * shentsize);
  if (table.length < shnum * shentsize) return null;
  const strHeader = shstrndx * shentsize;
  const strings = readAt(fd, Number(table.readBigUInt64LE(strHeader + 0x18)), Number(table.readBigUInt64LE(strHeader + 0x20)));
  const names: string[] = [];
  for (let i = 0; i < shnum; i++) {
    const at = table.readUInt32LE(i * shentsize);
    names.push(strings.toString("latin1", at, strings.indexOf(0, at)));
  }
  return names;
}

/**
 * Checks that path is an executable UML kernel before anything runs it with kernel arguments (running
 * some other program with them could do harm). UML kernels carry sections named .uml.*.
 */
export function validateKernel(path: string): void {
  let fd: number;
  try {
    if (!statSync(path).isFile()) throw new WrapperError(`kernel ${path} is not a regular file`);
    accessSync(path, constants.X_OK);
    fd = openSync(path, "r");
  } catch (err) {
    if (err instanceof WrapperError) throw err;
    throw new WrapperError(`cannot use kernel ${path}: ${describeSystemError(err)}`);
  }
  try {
    const names = elfSectionNames(fd);
    if (!names?.some((n) => n.startsWith(".uml.")))
      throw new WrapperError(`${path} is not a User-Mode Linux kernel (no .uml sections in it)`);
  } finally {
    closeSync(fd);
  }
}
