// The whole suite in one process, so that the leftovers check runs after everything else.
import "./unit/sizes.test.js";
import "./unit/protocol.test.js";
import "./unit/spec.test.js";
import "./unit/kernel.test.js";
import "./unit/rootfs.test.js";
import "./unit/cli.test.js";
import "./integration/behaviour.test.js";
import "./integration/exit-codes.test.js";
import "./integration/bad-input.test.js";
import "./integration/library.test.js";
import "./integration/streams.test.js";
import "./integration/signals.test.js";
import "./integration/failures.test.js";
import "./integration/terminal.test.js";
import "./integration/load.test.js";
import "./integration/leftovers.test.js";
