import { logEvent } from './log.ts';

/** One clean-up step: closing a database, stopping a server, unsubscribing a listener. */
export type Cleanup = () => Promise<void> | void;

/**
 * Clean-up steps run last-added first, like VS Code's `DisposableStore`: every step runs even when
 * an earlier one fails, so one stuck part never leaves the database or a server open. Failures
 * are logged by name only (never a message, which might carry personal data) and rethrown
 * together once every step has run. Disposing twice runs nothing the second time.
 */
export class CleanupStack {
  readonly #steps: { what: string; cleanup: Cleanup }[] = [];
  #disposed = false;

  /** Adds a step; `what` names it in the log line if it fails. */
  add(what: string, cleanup: Cleanup): void {
    if (this.#disposed) throw new Error(`CleanupStack already disposed: cannot add ${what}`);
    this.#steps.push({ what, cleanup });
  }

  /** Runs every step, last-added first; throws an `AggregateError` of the failures, if any. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    const failures: unknown[] = [];
    for (const { what, cleanup } of this.#steps.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        logEvent('cleanup.failed', { step: what, error: error instanceof Error ? error.name : 'unknown' });
        failures.push(error);
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, `${failures.length} clean-up step(s) failed; the others ran`);
  }
}
