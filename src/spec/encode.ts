import { Flag, SPEC_MAGIC, Tag } from "../protocol/messages.js";
import type { JobSpec, NetConfig } from "./job-spec.js";

function record(tag: number, value: Uint8Array): Buffer {
  const head = Buffer.allocUnsafe(6);
  head.writeUInt16LE(tag, 0);
  head.writeUInt32LE(value.length, 2);
  return Buffer.concat([head, value]);
}

function u32(tag: number, n: number): Buffer {
  const v = Buffer.allocUnsafe(4);
  v.writeUInt32LE(n >>> 0, 0);
  return record(tag, v);
}

function ipv4(address: string): number {
  return address.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

/** u32 address, u32 gateway, u32 DNS server (little-endian numbers), u8 prefix length. */
function netRecord(net: NetConfig): Buffer {
  const v = Buffer.alloc(13);
  v.writeUInt32LE(ipv4(net.address), 0);
  v.writeUInt32LE(ipv4(net.gateway), 4);
  v.writeUInt32LE(ipv4(net.dns), 8);
  v.writeUInt8(net.prefixLength, 12);
  return v;
}

function bytes(s: string | Uint8Array): Uint8Array {
  return typeof s === "string" ? Buffer.from(s) : s;
}

/**
 * The job spec as the guest agent reads it: "UJWSPEC1" then tag-length-value records. Arguments and
 * environment entries are raw bytes, so nothing is lost to quoting or to character encodings.
 */
export function encodeSpec(spec: JobSpec): Buffer {
  const records: Buffer[] = [Buffer.from(SPEC_MAGIC)];
  for (const arg of spec.argv) records.push(record(Tag.ARG, bytes(arg)));
  for (const entry of spec.env) records.push(record(Tag.ENV, bytes(entry)));
  records.push(record(Tag.CWD, bytes(spec.cwd)), record(Tag.RUN_DIR, bytes(spec.runDir)));
  records.push(u32(Tag.UID, spec.uid), u32(Tag.GID, spec.gid), u32(Tag.UMASK, spec.umask));
  for (const g of spec.groups) records.push(u32(Tag.GROUP, g));
  if (spec.swapDevice) records.push(record(Tag.SWAP, bytes(spec.swapDevice)));
  if (spec.hostMount) records.push(record(Tag.HOST_MOUNT, bytes(spec.hostMount)));
  for (const dir of spec.writable ?? []) records.push(record(Tag.WRITABLE, bytes(dir)));
  if (spec.modulesDir) records.push(record(Tag.MODULES, bytes(spec.modulesDir)));
  if (spec.root?.dir) records.push(record(Tag.ROOT_DIR, bytes(spec.root.dir)));
  if (spec.root?.device) records.push(record(Tag.ROOT_DEVICE, bytes(spec.root.device)));
  for (const dir of spec.links ?? []) records.push(record(Tag.LINK, bytes(dir)));
  for (const b of spec.binds ?? []) records.push(record(Tag.BIND, Buffer.from(`${b.host}\0${b.guest}`)));
  if (spec.passwdLine) records.push(record(Tag.PASSWD, bytes(spec.passwdLine)));
  for (const line of spec.groupLines ?? []) records.push(record(Tag.GROUP_LINE, bytes(line)));
  if (spec.keepDir) records.push(record(Tag.KEEP, bytes(spec.keepDir)));
  if (spec.hostfsRoot && spec.hostfsRoot !== "/") records.push(record(Tag.HOSTFS_ROOT, bytes(spec.hostfsRoot)));
  if (spec.net) records.push(record(Tag.NET, netRecord(spec.net)));
  if (spec.terminal) records.push(u32(Tag.WINSIZE, spec.terminal.rows | (spec.terminal.cols << 16)));
  const flags =
    (spec.terminal ? Flag.TTY : 0) |
    (spec.readOnlyRoot ? Flag.ROOT_RO : 0) |
    (spec.sandbox ? Flag.SANDBOX : 0) |
    (spec.root?.writable ? Flag.ROOT_WRITABLE : 0);
  records.push(u32(Tag.FLAGS, flags));
  return Buffer.concat(records);
}
