import { readFileSync } from "node:fs";

/** Splits a NUL-terminated list as found in /proc/self/cmdline and /proc/self/environ. */
export function splitNul(data: Buffer): Buffer[] {
  if (data.length === 0) return [];
  const end = data[data.length - 1] === 0 ? data.length - 1 : data.length;
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i <= end; i++)
    if (i === end || data[i] === 0) {
      parts.push(data.subarray(start, i));
      start = i + 1;
    }
  return parts;
}

/**
 * The last `count` command-line arguments as the kernel gave them. Node decodes process.argv as UTF-8
 * and replaces invalid bytes; the job must receive its arguments byte for byte.
 */
export function rawTrailingArgs(count: number, cmdline = readFileSync("/proc/self/cmdline")): Buffer[] {
  if (count === 0) return [];
  return splitNul(cmdline).slice(-count);
}

/** The environment this process was started with, byte for byte. */
export function rawEnvironment(environ = readFileSync("/proc/self/environ")): Buffer[] {
  return splitNul(environ).filter((e) => e.includes(0x3d)); // NAME=value entries only
}
