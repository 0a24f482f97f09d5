import type { z } from 'zod';
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

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Builds the typed `window.kiosk` object from the contract and a transport. Every answer is
 * checked against the contract's schema, so a host that answers wrongly is an `internal` error
 * rather than a surprise deep in a screen. It never rejects: a transport failure is a result.
 *
 * The resident's session handle lives here and nowhere else in the renderer: taken from
 * `startRegistration`'s (or `joinAssisted`'s) answer, added to every call whose argument carries
 * one, and forgotten when the session ends (by `endRegistration` or a `session_ended` answer). A
 * page reload starts a new client without it, so nothing in a fresh page can act on the last
 * resident's session.
 */
export function createKioskClient(transport: KioskTransport): KioskApi {
  const api: Record<string, unknown> = {};
  let session: string | undefined;
  for (const name of Object.keys(kioskMethods) as KioskMethodName[]) {
    const { channel, input: inputSchema, output } = kioskMethods[name];
    const envelope = kioskResultSchema(output);
    const carriesSession = 'session' in (inputSchema as z.ZodObject).shape;
    api[name] = async (input: unknown = {}): Promise<KioskResult<unknown>> => {
      const sent = carriesSession ? { ...(isRecord(input) ? input : {}), session: session ?? '' } : input;
      if (name === 'endRegistration') session = undefined;
      let raw: unknown;
      try {
        raw = await transport.invoke(channel, sent);
      } catch {
        return fail('internal', `The kiosk service did not answer ${channel}`);
      }
      const parsed = envelope.safeParse(raw);
      if (!parsed.success) return fail('internal', `Malformed answer on ${channel}`);
      const result = parsed.data as KioskResult<unknown>;
      if (!result.ok) {
        if (result.error.code === 'session_ended') session = undefined;
        return result;
      }
      if ((name === 'startRegistration' || name === 'joinAssisted') && isRecord(result.value)) {
        const { session: handle, ...value } = result.value;
        session = String(handle);
        return { ok: true, value };
      }
      return result;
    };
  }
  // Every event carries the whole current state, and main sends the latest only when a page
  // connects: a listener added later (a part of the page loaded on demand) gets the latest this
  // page has received at once, rather than nothing until the next change.
  const latest = new Map<KioskEventName, unknown>();
  api.on = (eventName: KioskEventName, listener: (payload: unknown) => void): (() => void) => {
    const { channel, payload } = kioskEvents[eventName];
    let active = true;
    const stop = transport.subscribe(channel, (raw) => {
      const parsed = payload.safeParse(raw);
      if (!parsed.success) return;
      latest.set(eventName, parsed.data);
      listener(parsed.data);
    });
    if (latest.has(eventName)) {
      const known = latest.get(eventName);
      queueMicrotask(() => {
        if (active && latest.get(eventName) === known) listener(known);
      });
    }
    return () => {
      active = false;
      stop();
    };
  };
  return api as unknown as KioskApi;
}
