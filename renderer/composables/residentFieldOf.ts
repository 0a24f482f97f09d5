import type { ResidentField } from '../../shared/kioskApi/staffView.ts';

/** One-time codes by screen: the e-mail code's screen, or the text message's. */
const CODE_SCREENS: Record<string, ResidentField> = { 'verify-email': 'email_code', 'phone-code': 'phone_code' };

/**
 * Which of the resident's fields `element` is, for "the resident is typing their password" on
 * the caseworker's console: read from the kind of input (its type and autocomplete, as every
 * screen already sets them), never from what is in it. Null for anything else (a checkbox, a
 * button, the invite code, which the caseworker hears read out), and for the caseworker's own
 * fields on a shared screen (marked `data-no-typing-report`: their PIN is not the resident's).
 */
export function residentFieldOf(element: EventTarget | null, routeName: string | undefined): ResidentField | null {
  if (!(element instanceof HTMLInputElement) || element.closest('[data-no-typing-report]') !== null) return null;
  const autocomplete = element.autocomplete;
  if (element.type === 'password' || autocomplete.endsWith('password')) return 'password';
  if (autocomplete === 'one-time-code') return CODE_SCREENS[routeName ?? ''] ?? null;
  if (element.type === 'email' || autocomplete === 'email') return 'email';
  if (element.type === 'tel' || autocomplete === 'tel') return 'phone_number';
  if (autocomplete === 'given-name' || autocomplete === 'family-name' || autocomplete === 'name') return 'name';
  return null;
}
