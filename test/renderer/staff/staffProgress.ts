import { assistedProgressSchema } from '../../../shared/kioskApi/staffView.ts';
import type { AssistedProgress } from '../../../shared/kioskApi/staffView.ts';

/**
 * An assisted registration as main reports it, checked against the contract: social care, the
 * invite just picked, nothing confirmed yet. Parts replaced by `change`.
 */
export function assistedProgress(change: Partial<AssistedProgress> = {}): AssistedProgress {
  return assistedProgressSchema.parse({
    assistId: 'assist-1',
    invite: { inviteId: 'inv-1', serviceId: 'social-care', residentMaskedName: 'J*** S****', maskedEmail: 'j*******@example.org' },
    confirmed: null,
    steps: [
      { id: 'invite', status: 'now' },
      { id: 'accept_email', status: 'next' },
      { id: 'account', status: 'next' },
      { id: 'email_code', status: 'next' },
      { id: 'create_account', status: 'next' },
      { id: 'phone_number', status: 'next' },
      { id: 'phone_check', status: 'next' },
      { id: 'phone_confirm', status: 'next' },
      { id: 'account_setup', status: 'next' },
      { id: 'activation', status: 'next' },
    ],
    path: null,
    emailCode: null,
    phoneCheck: null,
    typing: null,
    pausedUntil: null,
    submitted: false,
    ...change,
  });
}
