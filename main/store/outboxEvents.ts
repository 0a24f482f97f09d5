import type { OutboxDelivery } from './outboxItem.ts';

/**
 * The outbox's announcements: every change of the queue (enqueue, delivery, dead letter, purge),
 * and each delivery with the council's reference. While `holdWhile` runs (one transaction
 * recording many outcomes), announcements wait and go out once it returns, after the commit; if
 * it throws (rolled back), they are dropped, since nothing they announced happened.
 */
export class OutboxEvents {
  readonly #changeListeners = new Set<() => void>();
  readonly #deliveryListeners = new Set<(delivery: OutboxDelivery) => void>();
  #held: Array<() => void> | undefined;

  /** Listens to every change of the queue; returns an unsubscribe. */
  onChange(listener: () => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  /** Listens to deliveries, each once it is committed; returns an unsubscribe. */
  onDelivered(listener: (delivery: OutboxDelivery) => void): () => void {
    this.#deliveryListeners.add(listener);
    return () => this.#deliveryListeners.delete(listener);
  }

  /** Announces a change of the queue. */
  changed(): void {
    this.#announce(() => {
      for (const listener of this.#changeListeners) listener();
    });
  }

  /** Announces a delivery (an acknowledgement, or an item settled with an earlier receipt). */
  delivered(delivery: OutboxDelivery): void {
    this.#announce(() => {
      for (const listener of this.#deliveryListeners) listener(delivery);
    });
  }

  /** Runs `fn`, holding announcements until it returns; drops them if it throws. */
  holdWhile<T>(fn: () => T): T {
    if (this.#held !== undefined) return fn();
    const held: Array<() => void> = [];
    this.#held = held;
    let result: T;
    try {
      result = fn();
    } finally {
      this.#held = undefined;
    }
    for (const announce of held) announce();
    return result;
  }

  #announce(announce: () => void): void {
    if (this.#held === undefined) announce();
    else this.#held.push(announce);
  }
}
