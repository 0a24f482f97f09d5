import { guideStepsFor } from '../../shared/assistedGuide.ts';
import type { GuideStepId, GuideStepStatus } from '../../shared/assistedGuide.ts';
import type { ServiceDefinition } from '../../shared/serviceDefinition.ts';
import type { RegistrationProgress } from '../registration/registrationProgress.ts';

/** One guide step and where the resident is with it. */
export interface GuideStepProgress {
  id: GuideStepId;
  status: GuideStepStatus;
}

type Fact = 'done' | 'skipped' | 'open';

/**
 * The guide's steps for the service with done / now / next / skipped, from what the registration
 * has done: the first step neither done nor skipped is `now`, the rest `next`. Before the
 * registration has progress (the resident is reading their code out), `invite` is `now`.
 */
export function guideProgress(service: ServiceDefinition, progress: RegistrationProgress | undefined, submitted: boolean): GuideStepProgress[] {
  const facts = stepFacts(progress, submitted);
  let nowGiven = false;
  return guideStepsFor(service).map((id) => {
    const fact = facts[id];
    if (fact !== 'open') return { id, status: fact };
    const status: GuideStepStatus = nowGiven ? 'next' : 'now';
    nowGiven = true;
    return { id, status };
  });
}

function stepFacts(p: RegistrationProgress | undefined, submitted: boolean): Record<GuideStepId, Fact> {
  const when = (done: boolean, skipped = false): Fact => (skipped ? 'skipped' : done ? 'done' : 'open');
  const signIn = p?.path === 'sign_in';
  // An existing account that already had a phone: the phone steps are not needed.
  const phoneFromAccount = signIn && p.phone === null && p.phoneEnrolled;
  const phone = p?.phone ?? null;
  return {
    invite: when(p?.inviteId != null),
    accept_email: when(p?.confirmedBy === 'resident', p?.confirmedBy === 'caseworker'),
    account: when(p?.path != null),
    email_code: when(p?.emailCode?.state === 'verified', signIn),
    // 'Continue' only moves the resident on from the "verified" screen; main hears of no press,
    // so it is done with the verification, and 'Create' is the step after it.
    continue: when(p?.emailCode?.state === 'verified', signIn),
    create_account: when(p?.accountReady === true, signIn),
    phone_number: when(phone !== null, phoneFromAccount),
    phone_check: when(phone !== null && (phone.round === 2 || phone.phoneEnrolled), phoneFromAccount),
    phone_confirm: when(p?.phoneEnrolled === true, phoneFromAccount),
    account_setup: when(submitted),
    activation: 'open',
  };
}
