// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import catalogueFile from '../../../main/services/norfolk.services.json';
import StaffConsoleRoot from '../../../renderer/staff/StaffConsoleRoot.vue';
import { serviceCatalogSchema } from '../../../shared/serviceDefinition.ts';
import { inviteListAnswers } from './staffInvites.ts';
import { closeStaffPage, mountStaffPage } from './staffMount.ts';
import { readyStaff, staffView } from './staffViews.ts';
import type { StaffPage } from './staffMount.ts';
import { assistedProgress } from './staffProgress.ts';

let page: StaffPage | undefined;
afterEach(() => {
  closeStaffPage(page);
  page = undefined;
});

const catalogue = serviceCatalogSchema.parse(catalogueFile);
const answers = inviteListAnswers(catalogue);

const button = (p: StaffPage, text: string) => p.wrapper.findAll('button').find((b) => b.text() === text);
const rows = (p: StaffPage): string[] => p.wrapper.findAll('tbody tr').map((row) => row.text());

describe("the console's invite list", () => {
  it('lists the day\'s invites masked, with the service and when each was sent, and narrows as the caseworker types', async () => {
    page = await mountStaffPage(StaffConsoleRoot, staffView({ staff: readyStaff() }), answers);
    await flushPromises();
    expect(page.channels()).toEqual(expect.arrayContaining(['staff:invites', 'services:list']));
    expect(rows(page)).toHaveLength(3);
    expect(rows(page)[0]).toContain('J*** S****');
    expect(rows(page)[0]).toContain('j*******@example.org');
    expect(rows(page)[0]).toContain('My Norfolk Social Care');
    expect(rows(page)[1]).toContain("Children's Services Online");
    await page.wrapper.get('#staff-invite-search').setValue('children');
    expect(rows(page)).toHaveLength(1);
    expect(rows(page)[0]).toContain('A**** B*****');
    expect(page.wrapper.text()).toContain('Showing 1 of 3 invites');
    await page.wrapper.get('#staff-invite-search').setValue('COUNCIL.TEST');
    expect(rows(page).map((row) => row.includes('p*@council.test'))).toEqual([true]);
    await page.wrapper.get('#staff-invite-search').setValue('nobody');
    expect(rows(page)).toEqual([]);
    expect(page.wrapper.text()).toContain('No invites match your search');
  });

  it("'Help' on a row starts helping that resident", async () => {
    page = await mountStaffPage(StaffConsoleRoot, staffView({ staff: readyStaff() }), answers);
    await flushPromises();
    const help = page.wrapper.findAll('tbody tr')[1]?.get('button');
    expect(help?.text()).toContain('Help');
    expect(help?.text()).toContain('resident A, B');
    await help?.trigger('click');
    await flushPromises();
    expect(page.sent.at(-1)).toEqual({ channel: 'assisted:start', input: { inviteId: 'inv-2' } });
  });
});

describe('confirming the code the resident reads out', () => {
  it('asks for the code and how the caseworker knows the resident, then sends both', async () => {
    page = await mountStaffPage(StaffConsoleRoot, staffView({ staff: readyStaff(), assisted: assistedProgress() }), answers);
    await flushPromises();
    expect(page.wrapper.text()).toContain("read out the code from their 'Set up your My Norfolk Social Care Account' email");
    const before = page.sent.length;
    await page.wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(page.wrapper.get('#staff-invite-code-error').text()).toContain('Enter the code');
    expect(page.wrapper.get('#staff-identity-check-error').text()).toContain('Select how you know');
    expect(page.sent).toHaveLength(before);
    const labels = page.wrapper.findAll('.choice__label').map((label) => label.text());
    expect(labels).toEqual(['Photo ID seen', 'Known to me', 'Security questions answered']);
    await page.wrapper.get('#staff-invite-code').setValue(' ABCD-2EFG-345 ');
    await page.wrapper.get('#staff-identity-check-1').setValue(true);
    await page.wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(page.sent.at(-1)).toEqual({ channel: 'assisted:confirm-invite', input: { inviteCode: 'ABCD-2EFG-345', check: 'known_to_me' } });
  });
});

describe('the console, helping a resident', () => {
  it('offers Lock and Sign out, and the training phone closed by default in training only', async () => {
    page = await mountStaffPage(StaffConsoleRoot, staffView({ staff: readyStaff() }), answers);
    await flushPromises();
    const toggle = button(page, 'Show the training phone');
    expect(toggle?.attributes('aria-expanded')).toBe('false');
    expect(page.wrapper.find('#staff-training-phone-body').exists()).toBe(false);
    await toggle?.trigger('click');
    expect(button(page, 'Hide the training phone')?.attributes('aria-expanded')).toBe('true');
    expect(page.wrapper.find('#staff-training-phone-body').exists()).toBe(true);
    // One heading says 'Training phone'; the phone inside is a region of its own name (two landmarks of one name fail axe).
    const wrapper = page.wrapper;
    expect(wrapper.findAll('h2, h3').filter((heading) => heading.text() === 'Training phone')).toHaveLength(1);
    const named = wrapper.findAll('section[aria-labelledby]').map((region) => wrapper.find(`#${region.attributes('aria-labelledby')}`).text());
    expect(named.filter((name) => name === 'Messages to the resident, newest first')).toHaveLength(1);
    expect(named).not.toContain('Training phone');
    await button(page, 'Lock')?.trigger('click');
    await flushPromises();
    await button(page, 'Sign out')?.trigger('click');
    await flushPromises();
    expect(page.channels().slice(-2)).toEqual(['staff:lock', 'staff:sign-out']);
    page.show(staffView({ mode: 'live', staff: readyStaff() }));
    await flushPromises();
    expect(page.wrapper.text()).not.toContain('Training phone');
  });
});
