import { kioskEvents } from '../../shared/kioskApi/kioskContract.ts';
import type { KioskEventName, KioskEventPayload } from '../../shared/kioskApi/kioskContract.ts';
import type { KioskAudience } from '../../shared/kioskApi/kioskMethod.ts';

/** Receives every published event, by channel name, for a host to forward (IPC or SSE). */
export type KioskEventListener = (channel: string, payload: unknown) => void;

/** Whether one page receives events meant for `audience` now; asked at every event, so it may change. */
export type KioskEventFilter = (audience: KioskAudience) => boolean;

const audienceOf = new Map<string, KioskAudience>(Object.values(kioskEvents).map((e) => [e.channel, e.audience]));

/**
 * Fans main's events out to the hosts. A payload is checked against the contract before it is
 * published, so a host only ever forwards what the renderer's schema accepts. The latest payload
 * of each event is kept, so a renderer that connects later gets the current state at once.
 */
export class KioskEventHub {
  readonly #listeners = new Map<KioskEventListener, KioskEventFilter>();
  readonly #latest = new Map<string, unknown>();

  /** Publishes one event to every listener; throws if the payload breaks the contract (a bug). */
  publish<E extends KioskEventName>(event: E, payload: KioskEventPayload<E>): void {
    const { channel, payload: schema } = kioskEvents[event];
    const checked = schema.parse(payload);
    this.#latest.set(channel, checked);
    const audience = kioskEvents[event].audience;
    for (const [listener, accepts] of this.#listeners) if (accepts(audience)) listener(channel, checked);
  }

  /**
   * Listens to the events `accepts` lets through (all when absent), starting with the latest
   * payload of each; returns an unsubscribe.
   */
  subscribe(listener: KioskEventListener, accepts: KioskEventFilter = () => true): () => void {
    for (const [channel, payload] of this.#latest) if (accepts(audienceOf.get(channel) ?? 'any')) listener(channel, payload);
    this.#listeners.set(listener, accepts);
    return () => this.#listeners.delete(listener);
  }
}
