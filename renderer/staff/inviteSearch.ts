import type { CaseworkerInvite } from '../../shared/councilApi/caseworkerApi.ts';

/**
 * The invites whose masked name, masked e-mail address or service name holds what was typed,
 * ignoring case and spaces at either end; all of them when nothing was typed. Only what the
 * list shows is searched: the masks hide the rest, and nothing else is known here.
 */
export function searchInvites<T extends Pick<CaseworkerInvite, 'residentMaskedName' | 'maskedEmail' | 'serviceId'>>(
  invites: readonly T[],
  query: string,
  serviceName: (serviceId: string) => string,
): T[] {
  const wanted = query.trim().toLocaleLowerCase('en-GB');
  if (wanted === '') return [...invites];
  return invites.filter((invite) =>
    [invite.residentMaskedName, invite.maskedEmail, serviceName(invite.serviceId)].some((text) => text.toLocaleLowerCase('en-GB').includes(wanted)),
  );
}
