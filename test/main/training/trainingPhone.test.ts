import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskCallError } from '../../../main/kioskApi/kioskCallError.ts';
import { TrainingPhone } from '../../../main/training/trainingPhone.ts';
import type { TrainingPhoneMessage } from '../../../shared/kioskApi/trainingPhoneMethods.ts';
import { trainingPhoneMessageSchema } from '../../../shared/kioskApi/trainingPhoneMethods.ts';
import { rejection, startHarness } from '../council/simulatorHarness.ts';
import type { Harness } from '../council/simulatorHarness.ts';

// The training phone against the real simulator over HTTP.

let h: Harness;
let phone: TrainingPhone;
beforeAll(async () => {
  h = await startHarness();
  phone = new TrainingPhone(() => h.client);
});
afterAll(() => h.close());

const seedInvite = (email: string, serviceId = 'social-care') => h.simulator.seed.invites.find((i) => i.email === email && i.serviceId === serviceId)!;

const kioskError = (promise: Promise<unknown>) => rejection(promise, KioskCallError);

function summary(messages: TrainingPhoneMessage[]) {
  return messages.map((m) => ({ channel: m.channel, title: m.title, code: m.code, call: m.call?.state ?? null }));
}

describe('training phone', () => {
  it('answers not_training on a live kiosk', async () => {
    const live = new TrainingPhone(() => undefined);
    expect((await kioskError(live.messages({ serviceId: 'social-care' }))).code).toBe('not_training');
    expect((await kioskError(live.pressKey('call_x', '#'))).code).toBe('not_training');
  });

  it("before the resident is known, shows the service's open practice invitations with their codes", async () => {
    const messages = await phone.messages({ serviceId: 'social-care' });
    for (const m of messages) expect(trainingPhoneMessageSchema.parse(m)).toEqual(m);
    const open = h.simulator.seed.invites.filter((i) => i.serviceId === 'social-care' && i.state === 'sent');
    expect(open).toHaveLength(3);
    expect(messages.map((m) => m.code).sort()).toEqual(open.map((i) => i.inviteCode).sort());
    expect(new Set(messages.map((m) => m.title))).toEqual(new Set(['Set up your My Norfolk Social Care Account']));
    // The used and expired invites, and the other service's, are not offered.
    expect(messages.map((m) => m.code)).not.toContain(seedInvite('tom.baker@example.org').inviteCode);
    expect(messages.map((m) => m.code)).not.toContain(seedInvite('sam.jones@example.org', 'childrens-services').inviteCode);
    expect(await phone.messages({})).toEqual([]);
  });

  it("follows one resident: the invite's address before the e-mail is typed, then their texts and calls, newest first; # confirms a call", async () => {
    const jane = seedInvite('jane.smith@example.org');
    const byInvite = await phone.messages({ inviteId: jane.inviteId, serviceId: 'social-care' });
    expect(summary(byInvite)).toEqual([{ channel: 'email', title: 'Set up your My Norfolk Social Care Account', code: jane.inviteCode, call: null }]);

    const confirmation = await h.client.confirmInvite({ inviteCode: jane.inviteCode, email: jane.email });
    const session = { registrationSession: confirmation.registrationSessionId };
    const verification = await h.client.startEmailVerification(jane.email, session);
    const emailCode = await h.latestCode(jane.email);
    await h.client.verifyEmail(verification.verificationId, emailCode, session);
    await h.client.createAccount({ verificationId: verification.verificationId, givenName: 'Jane', surname: 'Smith', password: 'Norfolk-2026' }, session);
    await h.advance(1);
    await h.client.startPhoneEnrolment({ phoneNumber: '+447700900123', method: 'sms' }, session);
    const textCode = await h.latestCode('+447700900123');

    const byInviteNow = await phone.messages({ inviteId: jane.inviteId });
    // The invite's confirmation sends the 'Accept … Invitation' e-mail, which carries no code.
    expect(summary(byInviteNow).map((m) => m.code)).toEqual([emailCode, null, jane.inviteCode]);
    const mobile = await phone.messages({ email: 'Jane.Smith@example.org', phoneNumber: '+447700900123' });
    expect(summary(mobile)).toEqual([
      { channel: 'sms', title: 'Text message', code: textCode, call: null },
      { channel: 'email', title: expect.stringContaining('verification') as unknown, code: emailCode, call: null },
      { channel: 'email', title: expect.stringContaining('Accept') as unknown, code: null, call: null },
      { channel: 'email', title: 'Set up your My Norfolk Social Care Account', code: jane.inviteCode, call: null },
    ]);
    // Nobody else's messages.
    expect(JSON.stringify(mobile)).not.toContain('priya');

    await h.advance(1);
    await h.client.startPhoneEnrolment({ phoneNumber: '+441632960123', method: 'call' }, session);
    const landline = await phone.messages({ email: jane.email, phoneNumber: '+441632960123' });
    expect(summary(landline)[0]).toEqual({ channel: 'call', title: 'Phone call', code: null, call: 'ringing' });
    expect(landline.map((m) => m.channel)).toEqual(['call', 'email', 'email', 'email']);
    const callId = landline[0]!.call!.callId;
    expect(await phone.pressKey(callId, '1')).toEqual({ state: 'answered' });
    expect((await phone.messages({ phoneNumber: '+441632960123' }))[0]!.call).toEqual({ callId, state: 'answered' });
    expect(await phone.pressKey(callId, '#')).toEqual({ state: 'confirmed' });
    expect((await phone.messages({ phoneNumber: '+441632960123' }))[0]!.call).toEqual({ callId, state: 'confirmed' });
    // A confirmed call takes no more keys.
    expect((await kioskError(phone.pressKey(callId, '#'))).code).toBe('step_out_of_order');
  });

  it('says not_found for an unknown invite or call', async () => {
    expect((await kioskError(phone.messages({ inviteId: 'inv_nobody' }))).code).toBe('not_found');
    expect((await kioskError(phone.pressKey('call_nobody', '#'))).code).toBe('not_found');
  });
});
