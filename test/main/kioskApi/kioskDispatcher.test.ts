import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createKioskDispatcher } from '../../../main/kioskApi/kioskDispatcher.ts';
import type { KioskHandlers } from '../../../main/kioskApi/kioskDispatcher.ts';
import { createKioskHandlers } from '../../../main/kioskApi/kioskHandlers.ts';
import { testAssistedParts } from '../assisted/assistedFixture.ts';
import { setLogSink } from '../../../main/log.ts';
import { RegistrationSession } from '../../../main/registration/registrationSession.ts';
import { outboxSetupQueue } from '../../../main/registration/setupQueue.ts';
import { loadServiceCatalog } from '../../../main/services/serviceCatalogFile.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import { startHarness } from '../council/simulatorHarness.ts';
import { openTempDatabase } from '../store/storeFixtures.ts';

const catalog = await loadServiceCatalog();
const harness = await startHarness();
const outbox = createOutbox((await openTempDatabase()).database);
const registration = new RegistrationSession({ catalog, council: () => harness.client, setupQueue: outboxSetupQueue(outbox) });
const realHandlers = createKioskHandlers({ catalog, registration, assisted: testAssistedParts(catalog, registration, () => harness.client) });
afterAll(() => harness.close());
const logged: string[] = [];
const previousSink = setLogSink((line) => logged.push(line));
afterEach(() => {
  logged.length = 0;
});
process.on('exit', () => setLogSink(previousSink));

describe('kiosk dispatcher', () => {
  const dispatcher = createKioskDispatcher(realHandlers);

  it('answers a valid call with ok and the value', async () => {
    const result = await dispatcher.dispatch('invite:check-format', { code: 'k7qm 3xpd 9wt8' });
    expect(result).toEqual({ ok: true, value: { kind: 'ok', code: 'K7QM3XPD9WT8' } });
  });

  it('treats a missing argument as an empty object for methods without fields', async () => {
    const result = await dispatcher.dispatch('services:list', {});
    expect(result.ok && (result.value as { services: unknown[] }).services).toHaveLength(2);
  });

  it.each([
    ['a wrong type', { code: 42 }, 'code'],
    ['a missing field', {}, 'code'],
    ['an unknown field', { code: 'X', admin: true }, '(argument)'],
    ['an over-long string', { code: 'A'.repeat(201) }, 'code'],
    ['null', null, '(argument)'],
    ['an array', ['K7QM'], '(argument)'],
  ])('refuses %s with invalid_input naming the field', async (_label, input, field) => {
    const result = await dispatcher.dispatch('invite:check-format', input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.message).toContain(field);
    }
  });

  it('answers an expected failure of a handler with its code and details', async () => {
    const started = await dispatcher.dispatch('registration:start', { serviceId: 'social-care' });
    const session = started.ok ? (started.value as { session: string }).session : '';
    const result = await dispatcher.dispatch('invite:confirm', { session, inviteCode: 'K7QM3XPD9WT8', email: 'nobody@example.org' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invite_not_found' } });
    const outOfOrder = await dispatcher.dispatch('email:verify-code', { session, code: '123456' });
    expect(outOfOrder).toMatchObject({ ok: false, error: { code: 'step_out_of_order' } });
  });

  it('answers session_ended to a registration call without the live session handle', async () => {
    const started = await dispatcher.dispatch('registration:start', { serviceId: 'social-care' });
    expect(started).toMatchObject({ ok: true, value: { session: expect.stringMatching(/^[\w-]{32}$/) as unknown } });
    for (const session of ['', 'not-the-handle']) {
      const result = await dispatcher.dispatch('email:send-code', { session, email: 'a@example.org' });
      expect(result).toMatchObject({ ok: false, error: { code: 'session_ended' } });
    }
    // Without the field at all the argument does not match the contract.
    expect(await dispatcher.dispatch('phone:status', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses a channel that is not in the contract', async () => {
    const result = await dispatcher.dispatch('shell:exec', { command: 'rm -rf /' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('answers internal when a handler throws, logging its name but never its message', async () => {
    const throwing: KioskHandlers = {
      ...realHandlers,
      checkInviteCodeFormat: () => {
        throw new TypeError('resident jane@example.org broke it');
      },
    };
    const result = await createKioskDispatcher(throwing).dispatch('invite:check-format', { code: 'X' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('jane');
    expect(logged.join('\n')).toContain('TypeError');
    expect(logged.join('\n')).not.toContain('jane');
  });

  it('answers internal when a handler returns something the contract does not allow', async () => {
    const wrong = { ...realHandlers, checkInviteCodeFormat: () => ({ kind: 'maybe' }) } as unknown as KioskHandlers;
    const result = await createKioskDispatcher(wrong).dispatch('invite:check-format', { code: 'X' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
