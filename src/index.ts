/** uml-job-wrapper as a library: run(options) boots a UML guest, runs one job in it, and reports. */
export { run } from "./run.js";
export type { RunOptions } from "./options/run-options.js";
export type { RunResult, Ending, Timings } from "./result/result.js";
export type { Identity } from "./spec/caller.js";
export { EXIT } from "./result/exit-codes.js";
export { WrapperError } from "./result/errors.js";
export { DEFAULTS } from "./options/defaults.js";
