import type { assistedMethods } from '../../shared/kioskApi/assistedMethods.ts';
import type { AssistedDesk } from '../assisted/assistedDesk.ts';
import type { KioskHandlers } from './kioskDispatcher.ts';

/** The resident's side of assisted mode: join the registration, take the invitation, report typing (the field only). */
export function assistedHandlers(desk: AssistedDesk): Pick<KioskHandlers, keyof typeof assistedMethods> {
  return {
    joinAssisted: () => desk.join(),
    getAssistedInvitation: ({ session }) => desk.invitation(session),
    noteResidentTyping: ({ session, field }) => (desk.noteTyping(session, field), {}),
  };
}
