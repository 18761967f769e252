import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { WrapperError, describeSystemError } from "../result/errors.js";
import { configDir } from "./paths.js";

/** The per-user settings file; `kernel use` keeps its choice under "kernel". */
export function configFile(env = process.env): string {
  return join(configDir(env), "config.json");
}

function readConfig(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    // None, or not this user's to read: a job may run with another user's HOME (Slurm passes the submitter's).
    if (["ENOENT", "ENOTDIR", "EACCES", "EPERM"].includes((err as NodeJS.ErrnoException).code ?? "")) return {};
    throw new WrapperError(`cannot read ${file}: ${describeSystemError(err)}`);
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new WrapperError(`${file} is not a JSON object: fix or remove it`);
}

/** The kernel chosen with `kernel use`: "system", an absolute path, or an installed release. */
export function kernelChoice(env = process.env): string | undefined {
  const value = readConfig(configFile(env)).kernel;
  return typeof value === "string" && value ? value : undefined;
}

/** Records (or, with undefined, forgets) the kernel choice, keeping any other settings; returns the file. */
export function setKernelChoice(value: string | undefined, env = process.env): string {
  const file = configFile(env);
  const config = { ...readConfig(file), kernel: value };
  try {
    mkdirSync(configDir(env), { recursive: true });
    writeFileSync(`${file}.tmp`, `${JSON.stringify(config, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
  } catch (err) {
    throw new WrapperError(`cannot write ${file}: ${describeSystemError(err)}`);
  }
  return file;
}
