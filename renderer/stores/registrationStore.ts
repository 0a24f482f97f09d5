import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AccountStatus, EmailCodeStatus, InvitationSummary } from '../../shared/kioskApi/registrationMethods.ts';
import type { KioskError, KioskResult } from '../../shared/kioskApi/kioskResult.ts';
import { formatInviteCode } from '../../shared/inviteCode.ts';
import type { InviteCodeFormat } from '../../shared/inviteCode.ts';
import { useKiosk } from '../kiosk/kioskApi.ts';
import { applyCodeError } from './codeErrorState.ts';

/** What an action answers: nothing when it worked, the kiosk API's error when it did not. */
export type ActionError = KioskError | undefined;

/** The e-mail code's state as the screen needs it: main's answer plus local deadlines. */
export interface EmailCode {
  status: EmailCodeStatus;
  /** When the code stops working, on the kiosk's clock (ms). */
  expiresAt: number;
  /** When 'Send a new code' may be offered, on the kiosk's clock (ms). */
  resendAt: number;
}

/**
 * One resident's registration up to the account: the service, the invite, sign in or sign up,
 * the e-mail code and the names. Everything here is personal and lives in memory only; a new
 * session is a new Pinia, and `$reset` forgets it all within a session. Passwords and codes are
 * passed straight to main and never kept here.
 *
 * Actions answer `undefined` when they worked, or the kiosk API's error (screens put it into
 * words); what the resident typed is kept either way, so an offline kiosk loses nothing.
 */
export const useRegistrationStore = defineStore('registration', () => {
  const serviceId = ref<string | undefined>(undefined);
  const inviteCode = ref('');
  const inviteEmail = ref('');
  const invitation = ref<InvitationSummary | undefined>(undefined);
  /** The resident's answer to "Do you already have a … account?". */
  const hasAccount = ref<'' | 'yes' | 'no'>('');
  const signInEmail = ref('');
  const signUpEmail = ref('');
  const emailCode = ref<EmailCode | undefined>(undefined);
  const givenName = ref('');
  const surname = ref('');
  const account = ref<AccountStatus | undefined>(undefined);
  /** How the account was reached, for the check-answers screen. */
  const accountRoute = ref<'signed-in' | 'created' | undefined>(undefined);

  const emailVerified = computed(() => emailCode.value?.status.state === 'verified');

  const keepEmailCode = (status: EmailCodeStatus): void => {
    const now = Date.now();
    emailCode.value = {
      status,
      expiresAt: now + status.codeExpiresInSeconds * 1000,
      resendAt: now + status.resendAvailableInSeconds * 1000,
    };
  };

  /** Starts a registration for the chosen service; main forgets any earlier one. */
  async function chooseService(id: string): Promise<ActionError> {
    $reset();
    serviceId.value = id;
    const result = await useKiosk().startRegistration({ serviceId: id });
    return result.ok ? undefined : result.error;
  }

  /**
   * Seed steps 1–2, first half: main checks the typed code's form (and its check character)
   * before anything goes to the council. A well-formed code is kept in its printed form.
   */
  async function checkInviteCode(): Promise<KioskResult<InviteCodeFormat>> {
    const result = await useKiosk().checkInviteCodeFormat({ code: inviteCode.value });
    if (result.ok && result.value.kind === 'ok') inviteCode.value = formatInviteCode(result.value.code);
    return result;
  }

  /** Seed steps 1–2: the unique code and the address it was sent to. */
  async function confirmInvite(): Promise<ActionError> {
    const result = await useKiosk().confirmInvite({ inviteCode: inviteCode.value, email: inviteEmail.value.trim() });
    if (!result.ok) return result.error;
    invitation.value = result.value;
    // The account's address starts as the invitation's (and stays it, where the service says so).
    signInEmail.value = inviteEmail.value.trim();
    signUpEmail.value = inviteEmail.value.trim();
    return undefined;
  }

  /** Seed step 4: 'Sign in' to an existing account. */
  async function signIn(password: string): Promise<ActionError> {
    const result = await useKiosk().signIn({ email: signInEmail.value.trim(), password });
    if (!result.ok) return result.error;
    account.value = result.value;
    accountRoute.value = 'signed-in';
    return undefined;
  }

  /** Seed step 5: 'Send verification code'. */
  async function sendEmailCode(): Promise<ActionError> {
    const result = await useKiosk().sendEmailCode({ email: signUpEmail.value.trim() });
    if (!result.ok) return result.error;
    keepEmailCode(result.value);
    return undefined;
  }

  /** 'Send a new code' once the cooldown has passed, or after the code expired or died. */
  async function resendEmailCode(): Promise<ActionError> {
    const result = await useKiosk().resendEmailCode();
    if (!result.ok) {
      // The council's own wait wins over the kiosk's count: the countdown shows it.
      if (result.error.code === 'resend_too_soon' && result.error.retryAfterSeconds !== undefined && emailCode.value !== undefined) {
        emailCode.value.resendAt = Date.now() + result.error.retryAfterSeconds * 1000;
      }
      return result.error;
    }
    keepEmailCode(result.value);
    return undefined;
  }

  /** Seed step 7: 'Verify code'. A wrong, old or dead code updates what the screen shows. */
  async function verifyEmailCode(code: string): Promise<ActionError> {
    const result = await useKiosk().verifyEmailCode({ code });
    if (result.ok) {
      keepEmailCode(result.value);
      return undefined;
    }
    const current = emailCode.value;
    if (current !== undefined) applyCodeError(current, result.error);
    return result.error;
  }

  /** Seed step 8: 'Create', with the names kept here and the password passed straight on. */
  async function createAccount(password: string): Promise<ActionError> {
    const result = await useKiosk().createAccount({ givenName: givenName.value.trim(), surname: surname.value.trim(), password });
    if (!result.ok) return result.error;
    account.value = result.value;
    accountRoute.value = 'created';
    return undefined;
  }

  /** Forgets everything about the current resident. */
  function $reset(): void {
    serviceId.value = undefined;
    inviteCode.value = '';
    inviteEmail.value = '';
    invitation.value = undefined;
    hasAccount.value = '';
    signInEmail.value = '';
    signUpEmail.value = '';
    emailCode.value = undefined;
    givenName.value = '';
    surname.value = '';
    account.value = undefined;
    accountRoute.value = undefined;
  }

  return {
    serviceId,
    inviteCode,
    inviteEmail,
    invitation,
    hasAccount,
    signInEmail,
    signUpEmail,
    emailCode,
    emailVerified,
    givenName,
    surname,
    account,
    accountRoute,
    chooseService,
    checkInviteCode,
    confirmInvite,
    signIn,
    sendEmailCode,
    resendEmailCode,
    verifyEmailCode,
    createAccount,
    $reset,
  };
});
