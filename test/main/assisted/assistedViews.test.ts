import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../../main/kioskCore.ts';
import { loadServiceCatalog } from '../../../main/services/serviceCatalogFile.ts';
import { staffViewSchema } from '../../../shared/kioskApi/staffView.ts';
import type { StaffView } from '../../../shared/kioskApi/staffView.ts';
import { startTestCore } from '../kioskCoreFixture.ts';
import { must, refusal, signInStaff, simulatorOf } from './assistedFixture.ts';

// A whole assisted registration on a two-display kiosk, through the real dispatcher, staff
// session, registration and council API simulator. Every event the staff page would receive is
// kept as the raw JSON a host would send, and searched for the resident's secrets.

const catalog = await loadServiceCatalog();
let core: KioskCore;
const staffStream: Array<{ channel: string; text: string }> = [];

beforeAll(async () => {
  core = await startTestCore();
  core.setStaffWindow(true);
  core.events.subscribe((channel, payload) => staffStream.push({ channel, text: JSON.stringify(payload) }), core.eventFilterFor('staff'));
});
afterAll(async () => {
  await core.close();
});

function latestStaffView(): StaffView {
  const last = staffStream.filter((e) => e.channel === 'staff:view').at(-1);
  if (last === undefined) throw new Error('no staff view yet');
  return staffViewSchema.parse(JSON.parse(last.text));
}

describe('an assisted registration, as the staff page sees it', () => {
  it('follows the resident step by step and never carries a secret of theirs', async () => {
    const sim = simulatorOf(core);
    const seeded = sim.seed.invites.find((i) => i.email === 'jane.smith@example.org' && i.serviceId === 'social-care')!;
    await signInStaff(core);
    const { invites } = await must(core, 'staff', 'listStaffInvites', {});
    const listed = invites.find((i) => i.inviteId === seeded.inviteId)!;
    expect(listed.residentMaskedName).not.toContain('Jane');

    await must(core, 'staff', 'startAssisted', { inviteId: seeded.inviteId });
    expect(latestStaffView().assisted?.steps.find((s) => s.status === 'now')?.id).toBe('invite');
    const joined = await must(core, 'kiosk', 'joinAssisted', {});
    expect(joined).toMatchObject({ serviceId: 'social-care', helperName: 'Training Caseworker' });
    const session = joined.session;
    expect(await refusal(core, 'kiosk', 'getAssistedInvitation', { session })).toBe('step_out_of_order');

    // Another invite's code is refused: the caseworker confirms only the invite picked.
    const other = sim.seed.invites.find((i) => i.email === 'priya.patel@example.org')!;
    expect(await refusal(core, 'staff', 'confirmAssistedInvite', { inviteCode: other.inviteCode, check: 'known_to_me' })).toBe('invite_not_found');
    await must(core, 'staff', 'confirmAssistedInvite', { inviteCode: seeded.inviteCode, check: 'photo_id_seen' });
    const invitation = await must(core, 'kiosk', 'getAssistedInvitation', { session });
    expect(latestStaffView().assisted).toMatchObject({ confirmed: { check: 'photo_id_seen' } });
    expect(latestStaffView().assisted?.steps.slice(0, 3)).toEqual([
      { id: 'invite', status: 'done' },
      { id: 'accept_email', status: 'skipped' },
      { id: 'account', status: 'now' },
    ]);

    await must(core, 'kiosk', 'noteResidentTyping', { session, field: 'email' });
    expect(latestStaffView().assisted?.typing).toBe('email');
    await must(core, 'kiosk', 'sendEmailCode', { session, email: seeded.email });
    const emailCode = await sim.latestCode(seeded.email);
    expect(await refusal(core, 'kiosk', 'verifyEmailCode', { session, code: emailCode === '000000' ? '111111' : '000000' })).toBe('code_incorrect');
    expect(latestStaffView().assisted?.emailCode).toMatchObject({ state: 'code_sent', attemptsRemaining: 4 });
    await must(core, 'kiosk', 'verifyEmailCode', { session, code: emailCode });
    await must(core, 'kiosk', 'noteResidentTyping', { session, field: 'password' });
    expect(latestStaffView().assisted?.typing).toBe('password');
    const password = 'Correct-Horse-7-Kiosk';
    await must(core, 'kiosk', 'createAccount', { session, givenName: 'Jane', surname: 'Smith', password });
    await must(core, 'kiosk', 'noteResidentTyping', { session, field: null });

    const mobile = '+447911123457';
    await must(core, 'kiosk', 'startPhoneCheck', { session, phoneNumber: mobile, method: 'sms' });
    expect(latestStaffView().assisted?.phoneCheck).toMatchObject({ method: 'sms', numberEnding: '457', round: 1, state: 'code_sent' });
    const phoneCode1 = await sim.latestCode(mobile);
    await must(core, 'kiosk', 'verifyPhoneCode', { session, code: phoneCode1 });
    await sim.advance(31);
    // The caseworker's 'Send a new code' restarts the check with the same number and method.
    await must(core, 'staff', 'sendAssistedNewCode', {});
    expect(latestStaffView().assisted?.phoneCheck).toMatchObject({ method: 'sms', round: 2 });
    const phoneCode2 = await sim.latestCode(mobile);
    await must(core, 'kiosk', 'verifyPhoneCode', { session, code: phoneCode2 });
    expect(latestStaffView().assisted?.phoneCheck).toMatchObject({ phoneEnrolled: true });

    const consent = catalog.services.find((s) => s.id === 'social-care')!.consent.statements.map((s) => s.id);
    await must(core, 'kiosk', 'submitAccountSetup', { session, recordIds: invitation.records.map((r) => r.recordId), consentStatementIds: consent });
    const done = latestStaffView().assisted!;
    expect(done.submitted).toBe(true);
    expect(done.steps.filter((s) => s.status === 'now').map((s) => s.id)).toEqual(['activation']);
    expect(done.steps.filter((s) => s.status === 'next')).toEqual([]);

    // The raw stream: only staff and shared events, and none of the resident's secrets.
    expect(staffStream.length).toBeGreaterThan(15);
    expect(new Set(staffStream.map((e) => e.channel))).not.toContain('assisted:resident');
    const everything = staffStream.map((e) => e.text).join('\n');
    const secrets = [
      password,
      emailCode,
      phoneCode1,
      phoneCode2,
      seeded.inviteCode,
      seeded.inviteCode.replace(/-/g, ''),
      seeded.email,
      mobile,
      mobile.slice(1),
      '7911123457',
      'Jane',
      'Smith',
      'Arthur',
      session,
    ];
    for (const secret of secrets) expect(everything, `the staff stream holds "${secret}"`).not.toContain(secret);
  });
});
