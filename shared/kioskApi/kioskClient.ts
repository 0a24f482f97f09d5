import { kioskEvents, kioskMethods } from './kioskContract.ts';
import type { KioskApi, KioskEventName, KioskMethodName } from './kioskContract.ts';
import { fail, kioskResultSchema } from './kioskResult.ts';
import type { KioskResult } from './kioskResult.ts';

/**
 * How a kiosk client reaches main: IPC in Electron (the preload), HTTP and server-sent events in
 * the web host (the renderer). A transport moves envelopes; it knows nothing of the contract.
 */
export interface KioskTransport {
  /** Sends one call; resolves to the raw `{ ok, value | error }` envelope main answered with. */
  invoke(channel: string, input: unknown): Promise<unknown>;
  /** Listens to an event channel; returns a function that stops listening. */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

/**
 * Builds the typed `window.kiosk` object from the contract and a transport. Every answer is
 * checked against the contract's schema, so a host that answers wrongly is an `internal` error
 * rather than a surprise deep in a screen. It never rejects: a transport failure is a result.
 */
export function createKioskClient(transport: KioskTransport): KioskApi {
  const api: Record<string, unknown> = {};
  for (const name of Object.keys(kioskMethods) as KioskMethodName[]) {
    const { channel, output } = kioskMethods[name];
    const envelope = kioskResultSchema(output);
    api[name] = async (input: unknown = {}): Promise<KioskResult<unknown>> => {
      let raw: unknown;
      try {
        raw = await transport.invoke(channel, input);
      } catch {
        return fail('internal', `The kiosk service did not answer ${channel}`);
      }
      const parsed = envelope.safeParse(raw);
      return parsed.success ? parsed.data : fail('internal', `Malformed answer on ${channel}`);
    };
  }
  api.on = (eventName: KioskEventName, listener: (payload: unknown) => void): (() => void) => {
    const { channel, payload } = kioskEvents[eventName];
    return transport.subscribe(channel, (raw) => {
      const parsed = payload.safeParse(raw);
      if (parsed.success) listener(parsed.data);
    });
  };
  return api as unknown as KioskApi;
}
