import type { KioskResult } from '../../../shared/kioskApi/kioskResult.ts';
import { staffInviteListSchema } from '../../../shared/kioskApi/staffMethods.ts';
import type { StaffInviteList } from '../../../shared/kioskApi/staffMethods.ts';
import type { ServiceCatalog } from '../../../shared/serviceDefinition.ts';

const invite = (inviteId: string, serviceId: string, residentMaskedName: string, maskedEmail: string, sentAt: string) => ({
  inviteId,
  serviceId,
  state: 'sent',
  residentMaskedName,
  maskedEmail,
  records: [{ recordId: `rec-${inviteId}`, maskedName: residentMaskedName }],
  sentAt,
  expiresAt: '2026-12-28T09:00:00.000Z',
});

/** A caseworker's day: three open invites, masked as the council sends them, newest first (checked against the contract). */
export function todaysInvites(): StaffInviteList {
  return staffInviteListSchema.parse({
    date: '2026-11-30',
    invites: [
      invite('inv-1', 'social-care', 'J*** S****', 'j*******@example.org', '2026-11-30T10:42:00.000Z'),
      invite('inv-2', 'childrens-services', 'A**** B*****', 'a****@mail.test', '2026-11-30T09:05:00.000Z'),
      invite('inv-3', 'social-care', 'P**** K***', 'p*@council.test', '2026-11-30T08:15:00.000Z'),
    ],
  });
}

/** The host's answers the console needs to show its list: the services, and the day's invites. */
export function inviteListAnswers(catalogue: ServiceCatalog): Record<string, KioskResult<unknown>> {
  return {
    'services:list': { ok: true, value: { council: catalogue.council, services: catalogue.services } },
    'staff:invites': { ok: true, value: todaysInvites() },
  };
}
