import { Command } from "commander";

/**
 * `uml-job-wrapper kernel list|install|use`: the UML kernels at hand, newer ones from Debian, and the
 * default. The work is in src/kernel/, loaded only when a subcommand runs.
 */
export function kernelCommand(say: (line: string) => void): Command {
  const kernel = new Command("uml-job-wrapper kernel").description("list, install and choose UML kernels (see README, Kernels)");
  kernel
    .command("list")
    .description("the kernels installed, which one runs by default, and why")
    .action(async () => {
      const { kernelListing } = await import("../kernel/list.js");
      process.stdout.write(kernelListing());
    });
  kernel
    .command("install")
    .description("install Debian's user-mode-linux kernel of SUITE into the per-user cache, verified and test-booted")
    .argument("[suite]", "a Debian suite or codename, e.g. trixie or unstable (default: the newest Debian has)")
    .action(async (suite: string | undefined) => {
      const { installKernel } = await import("../kernel/install.js");
      const { chooseKernel } = await import("../kernel/find.js");
      const installed = await installKernel(suite, say);
      say(`${installed.already ? "already installed" : "installed"}: Linux ${installed.release} at ${installed.path}`);
      const pick = chooseKernel();
      say(`default kernel: ${pick.path} (${pick.reason})`);
    });
  kernel
    .command("use")
    .description("make a kernel the default: a release or suite from `kernel list`, a PATH, system, or newest")
    .argument("<kernel>", "NAME (release or suite), PATH, system (linux.uml on PATH), newest (forget the choice)")
    .action(async (name: string) => {
      const { useKernel } = await import("../kernel/use.js");
      const { choice, file } = useKernel(name);
      say(choice ? `default kernel: ${choice} (recorded in ${file})` : `default kernel: the newest installed (choice removed from ${file})`);
    });
  return kernel;
}
