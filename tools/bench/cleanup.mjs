/**
 * Everything the benchmark starts (server processes, databases, temp files) registers its undo
 * here. `runCleanups` runs them newest first; SIGINT/SIGTERM and a crash run them too.
 */

/** @type {Array<{ name: string, undo: () => Promise<void> | void }>} */
const pending = [];
let installed = false;

/**
 * @param {string} name
 * @param {() => Promise<void> | void} undo
 * @returns {() => Promise<void>} runs this one now (and forgets it)
 */
export function onCleanup(name, undo) {
  const entry = { name, undo };
  pending.push(entry);
  return async () => {
    const index = pending.indexOf(entry);
    if (index === -1) return;
    pending.splice(index, 1);
    await entry.undo();
  };
}

export async function runCleanups() {
  while (pending.length > 0) {
    const entry = /** @type {{ name: string, undo: () => Promise<void> | void }} */ (pending.pop());
    try {
      await entry.undo();
    } catch (error) {
      process.stderr.write(`cleanup "${entry.name}" failed: ${String(error)}\n`);
    }
  }
}

export function installSignalHandlers() {
  if (installed) return;
  installed = true;
  let stopping = false;
  /** @param {string} reason @param {number} code */
  const abort = (reason, code) => {
    if (stopping) {
      process.stderr.write(`\n${reason} again: exiting without finishing cleanup\n`);
      process.exit(code);
    }
    stopping = true;
    process.stderr.write(`\n${reason}: cleaning up…\n`);
    void runCleanups().finally(() => process.exit(code));
  };
  process.on('SIGINT', () => abort('SIGINT', 130));
  process.on('SIGTERM', () => abort('SIGTERM', 143));
  process.on('uncaughtException', (error) => {
    process.stderr.write(`uncaught: ${error.stack ?? String(error)}\n`);
    abort('uncaught exception', 1);
  });
  process.on('unhandledRejection', (error) => {
    process.stderr.write(`unhandled rejection: ${String(error)}\n`);
    abort('unhandled rejection', 1);
  });
}
