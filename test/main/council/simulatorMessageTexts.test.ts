import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServiceCatalog } from '../../../main/services/serviceCatalogFile.ts';
import { COUNCIL_RULES } from '../../../shared/councilApi/councilPrimitives.ts';
import type { ServiceCatalog } from '../../../shared/serviceDefinition.ts';
import { startHarness } from './simulatorHarness.ts';
import type { Harness } from './simulatorHarness.ts';

// The simulator's texts speak in the catalogue's words: another council's file, another council's texts.

let h: Harness;

beforeAll(async () => {
  const shipped = await loadServiceCatalog();
  const catalog: ServiceCatalog = {
    ...shipped,
    council: { name: 'Testshire County Council' },
    services: shipped.services.map((s) => ({ ...s, accountName: 'My Testshire' })),
  };
  h = await startHarness({ catalog });
});
afterAll(() => h.close());

describe('simulator message texts', () => {
  it('name the account and the council from the service catalogue', async () => {
    const invite = h.simulator.seed.invites.find((i) => i.state === 'sent')!;
    const confirmation = await h.client.confirmInvite({ inviteCode: invite.inviteCode, email: invite.email });
    const session = { registrationSession: confirmation.registrationSessionId };
    const verification = await h.client.startEmailVerification(invite.email, session);
    const codeEmail = (await h.messagesTo(invite.email)).at(-1)!;
    expect(codeEmail.body).toContain(`It works for ${COUNCIL_RULES.codeValiditySeconds / 60} minutes.`);
    await h.client.verifyEmail(verification.verificationId, codeEmail.code!, session);
    await h.client.createAccount({ verificationId: verification.verificationId, givenName: 'Sam', surname: 'Lee', password: 'Testshire-2026 ok' }, session);

    await h.client.startPhoneEnrolment({ phoneNumber: '+447400555009', method: 'sms' }, session);
    const text = (await h.messagesTo('+447400555009')).at(-1)!;
    expect(text.body).toBe(`Your My Testshire verification code is ${text.code}.`);

    await h.advance(COUNCIL_RULES.resendCooldownSeconds + 1);
    await h.client.startPhoneEnrolment({ phoneNumber: '+441603444444', method: 'call' }, session);
    const call = (await h.messagesTo('+441603444444')).at(-1)!;
    expect(call.body).toBe('This is Testshire County Council. To confirm this phone number, press the hash key.');
    for (const message of [codeEmail, text, call]) expect(message.body).not.toContain('Norfolk');
  });
});
