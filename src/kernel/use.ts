import { resolve } from "node:path";
import { WrapperError } from "../result/errors.js";
import { setKernelChoice } from "./config.js";
import { cachedKernels, systemKernels } from "./installed.js";
import { readOrigin } from "./origin.js";
import { newestKernel } from "./policy.js";
import { validateKernel } from "./validate.js";

/** What `kernel use` records for NAME: "system", an absolute path, or the release of a cached kernel. */
function choiceFor(name: string, env: NodeJS.ProcessEnv): string | undefined {
  if (name === "newest") return undefined;
  if (name === "system") {
    if (!systemKernels(env.PATH ?? "").length) throw new WrapperError("there is no system kernel (linux.uml or linux on PATH or in /usr/bin)");
    return name;
  }
  if (name.includes("/")) {
    const path = resolve(name);
    validateKernel(path);
    return path;
  }
  const cached = cachedKernels(env);
  const byRelease = cached.find((k) => k.release === name);
  if (byRelease) return name;
  const bySuite = newestKernel(
    cached.filter((k) => {
      const origin = readOrigin(k.release!, env);
      return origin?.suite === name || origin?.codename === name;
    }),
  );
  if (bySuite) return bySuite.release!;
  throw new WrapperError(`no installed kernel is called ${name}: see \`uml-job-wrapper kernel list\`, or install it with \`uml-job-wrapper kernel install\``);
}

/** `kernel use NAME|PATH|system|newest`: records the user's default kernel; returns what was recorded and where. */
export function useKernel(name: string, env = process.env): { choice: string | undefined; file: string } {
  const choice = choiceFor(name, env);
  return { choice, file: setKernelChoice(choice, env) };
}
