import { kioskEvents } from '../../shared/kioskApi/kioskContract.ts';
import type { KioskEventName, KioskEventPayload } from '../../shared/kioskApi/kioskContract.ts';

/** Receives every published event, by channel name, for a host to forward (IPC or SSE). */
export type KioskEventListener = (channel: string, payload: unknown) => void;

/**
 * Fans main's events out to the hosts. A payload is checked against the contract before it is
 * published, so a host only ever forwards what the renderer's schema accepts. The latest payload
 * of each event is kept, so a renderer that connects later gets the current state at once.
 */
export class KioskEventHub {
  readonly #listeners = new Set<KioskEventListener>();
  readonly #latest = new Map<string, unknown>();

  /** Publishes one event to every listener; throws if the payload breaks the contract (a bug). */
  publish<E extends KioskEventName>(event: E, payload: KioskEventPayload<E>): void {
    const { channel, payload: schema } = kioskEvents[event];
    const checked = schema.parse(payload);
    this.#latest.set(channel, checked);
    for (const listener of this.#listeners) listener(channel, checked);
  }

  /** Listens to every event, starting with the latest payload of each; returns an unsubscribe. */
  subscribe(listener: KioskEventListener): () => void {
    for (const [channel, payload] of this.#latest) listener(channel, payload);
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
