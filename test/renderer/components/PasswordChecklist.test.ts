// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import PasswordChecklist from '../../../renderer/components/PasswordChecklist.vue';
import { createKioskI18n } from '../../../renderer/i18n.ts';
import type { AccountFieldLabels } from '../../../shared/serviceDefinition.ts';

function items(password: string, confirm = '', labels?: AccountFieldLabels): string[] {
  const wrapper = mount(PasswordChecklist, {
    props: { id: 'rules', password, confirm, ...(labels ? { labels } : {}) },
    global: { plugins: [createKioskI18n()] },
  });
  return wrapper.findAll('li').map((li) => li.text().replace(/\s+/g, ' '));
}

describe('the live password checklist', () => {
  it("names the two fields as the service's guide does", () => {
    const labels = { givenName: 'First name', surname: 'Surname', newPassword: 'Password', confirmPassword: 'Confirm password' };
    expect(items('Kiosk-Test-2026', 'Kiosk-Test-2026', labels).at(-1)).toContain("be the same in 'Password' and 'Confirm password'");
    expect(items('Kiosk-Test-2026', 'Kiosk-Test-2026').at(-1)).toContain("be the same in 'New Password' and 'Confirm New Password'");
  });

  it('ticks off each rule of the shared policy, in words as well as marks', () => {
    const empty = items('');
    expect(empty[0]).toMatch(/be 8 to 64 characters long \(not yet\)$/);
    expect(empty.find((i) => i.startsWith('✗ have at least 3'))).toContain('(not yet)');

    const long = items('kioskkiosk');
    expect(long[0]).toMatch(/^✓ be 8 to 64 characters long \(done\)$/);
    expect(long).toContain('✓ small letters (a to z) (included)');
    expect(long).toContain('– capital letters (A to Z) (not included)');

    const strong = items('Kiosk-Test-2026');
    expect(strong.filter((i) => i.includes('(not yet)'))).toEqual([]);
    expect(strong).toContain('✓ symbols or spaces, such as ! or - (included)');
  });

  it('shows the match rule only once the second field is typed in', () => {
    expect(items('Kiosk-Test-2026').some((i) => i.includes("be the same in 'New Password'"))).toBe(false);
    expect(items('Kiosk-Test-2026', 'Kiosk-Test-202').find((i) => i.includes('be the same'))).toContain('(not yet)');
    expect(items('Kiosk-Test-2026', 'Kiosk-Test-2026').find((i) => i.includes('be the same'))).toContain('(done)');
  });

  it('adds the control-character rule only when one is present', () => {
    expect(items('Kiosk-Test-2026').some((i) => i.includes('tabs or line breaks'))).toBe(false);
    expect(items('Kiosk\tTest-2026').find((i) => i.includes('tabs or line breaks'))).toContain('(not yet)');
  });
});
