import { kioskMethods, methodNameForChannel } from '../../shared/kioskApi/kioskContract.ts';
import type { KioskMethodArgs, KioskMethodName, KioskMethodOutput } from '../../shared/kioskApi/kioskContract.ts';
import type { KioskAudience, PageRole } from '../../shared/kioskApi/kioskMethod.ts';
import { fail, ok } from '../../shared/kioskApi/kioskResult.ts';
import type { KioskResult } from '../../shared/kioskApi/kioskResult.ts';
import { logEvent } from '../log.ts';
import { DatabaseFullError } from '../store/storeErrors.ts';
import { KioskCallError } from './kioskCallError.ts';

/** Who made a call, as the host knows it (the window or the cookie it came with), never as the page says. */
export interface KioskCaller {
  page: PageRole;
}

/** The resident's kiosk page: the caller when a host names none (the least a call can be allowed). */
export const KIOSK_PAGE: KioskCaller = { page: 'kiosk' };

/** The implementation of every kiosk API method, with arguments already validated. */
export type KioskHandlers = {
  [K in KioskMethodName]: (args: KioskMethodArgs<K>, caller: KioskCaller) => Promise<KioskMethodOutput<K>> | KioskMethodOutput<K>;
};

/** Routes one call by channel name; the same object serves IPC and the web host. */
export interface KioskDispatcher {
  dispatch(channel: string, rawInput: unknown, caller?: KioskCaller): Promise<KioskResult<unknown>>;
}

/** Decides whether a page may make a call meant for `audience`. */
export type KioskAudienceCheck = (audience: KioskAudience, caller: KioskCaller) => boolean;

/** Without assisted mode's own rule: `any` for all, `resident` for the kiosk page, `staff` for the staff page. */
export const pageAudienceCheck: KioskAudienceCheck = (audience, caller) =>
  audience === 'any' || (audience === 'resident' ? caller.page === 'kiosk' : caller.page === 'staff');

/**
 * Builds the one server-side dispatcher. A call from a page its method is not meant for is
 * refused as `forbidden` before anything else (`admits`: assisted mode's rule, by the desk's
 * state). Every call's argument is parsed with the contract's zod
 * schema before a handler sees it, and every value is parsed again before it leaves, so a bug in
 * a handler cannot send the renderer something the contract does not allow. A handler reports an
 * expected failure by throwing `KioskCallError`; any other error is logged by channel and error
 * name only (never the message, which might carry personal data) and answered as `internal`.
 */
export function createKioskDispatcher(handlers: KioskHandlers, admits: KioskAudienceCheck = pageAudienceCheck): KioskDispatcher {
  return {
    async dispatch(channel, rawInput, caller = KIOSK_PAGE) {
      const name = methodNameForChannel(channel);
      if (name === undefined) return fail('unknown_channel', `No kiosk API channel "${channel.slice(0, 60)}"`);
      const { input, output, audience } = kioskMethods[name];
      if (!admits(audience, caller)) {
        logEvent('kiosk_api.forbidden', { channel, page: caller.page });
        return fail('forbidden', `This page may not call ${channel}`);
      }
      const args = input.safeParse(rawInput);
      if (!args.success) {
        const fields = args.error.issues.map((issue) => issue.path.join('.') || '(argument)');
        return fail('invalid_input', `Invalid argument for ${channel}: ${[...new Set(fields)].join(', ')}`);
      }
      let value: unknown;
      try {
        const handler = handlers[name] as (a: unknown, c: KioskCaller) => unknown;
        value = await handler(args.data, caller);
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
