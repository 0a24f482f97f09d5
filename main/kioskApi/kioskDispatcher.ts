import { kioskMethods, methodNameForChannel } from '../../shared/kioskApi/kioskContract.ts';
import type { KioskMethodArgs, KioskMethodName, KioskMethodOutput } from '../../shared/kioskApi/kioskContract.ts';
import { fail, ok } from '../../shared/kioskApi/kioskResult.ts';
import type { KioskResult } from '../../shared/kioskApi/kioskResult.ts';
import { logEvent } from '../log.ts';
import { DatabaseFullError } from '../store/storeErrors.ts';
import { KioskCallError } from './kioskCallError.ts';

/** The implementation of every kiosk API method, with arguments already validated. */
export type KioskHandlers = {
  [K in KioskMethodName]: (args: KioskMethodArgs<K>) => Promise<KioskMethodOutput<K>> | KioskMethodOutput<K>;
};

/** Routes one call by channel name; the same object serves IPC and the web host. */
export interface KioskDispatcher {
  dispatch(channel: string, rawInput: unknown): Promise<KioskResult<unknown>>;
}

/**
 * Builds the one server-side dispatcher. Every call's argument is parsed with the contract's zod
 * schema before a handler sees it, and every value is parsed again before it leaves, so a bug in
 * a handler cannot send the renderer something the contract does not allow. A handler reports an
 * expected failure by throwing `KioskCallError`; any other error is logged by channel and error
 * name only (never the message, which might carry personal data) and answered as `internal`.
 */
export function createKioskDispatcher(handlers: KioskHandlers): KioskDispatcher {
  return {
    async dispatch(channel, rawInput) {
      const name = methodNameForChannel(channel);
      if (name === undefined) return fail('unknown_channel', `No kiosk API channel "${channel.slice(0, 60)}"`);
      const { input, output } = kioskMethods[name];
      const args = input.safeParse(rawInput);
      if (!args.success) {
        const fields = args.error.issues.map((issue) => issue.path.join('.') || '(argument)');
        return fail('invalid_input', `Invalid argument for ${channel}: ${[...new Set(fields)].join(', ')}`);
      }
      let value: unknown;
      try {
        const handler = handlers[name] as (a: unknown) => unknown;
        value = await handler(args.data);
      } catch (error) {
        if (error instanceof KioskCallError) return fail(error.code, error.message, error.details);
        if (error instanceof DatabaseFullError) {
          logEvent('kiosk_api.storage_full', { channel });
          return fail('storage_full', `The kiosk could not save ${channel}: its disk is full`);
        }
        logEvent('kiosk_api.handler_failed', { channel, error: error instanceof Error ? error.name : 'unknown' });
        return fail('internal', `The kiosk could not complete ${channel}`);
      }
      const checked = output.safeParse(value);
      if (!checked.success) {
        logEvent('kiosk_api.bad_output', { channel });
        return fail('internal', `The kiosk could not complete ${channel}`);
      }
      return ok(checked.data);
    },
  };
}
