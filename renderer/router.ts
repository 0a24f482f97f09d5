import { createMemoryHistory, createRouter } from 'vue-router';
import type { RouteComponent, RouteRecordRaw } from 'vue-router';
import { useRegistrationStore } from './stores/registrationStore.ts';
import InviteCodeView from './views/InviteCodeView.vue';
import WelcomeView from './views/WelcomeView.vue';

type Loader = () => Promise<RouteComponent>;

// Screens after the invite code load on demand, so the first screen's JavaScript stays small
// (the phone screens bring libphonenumber's full metadata). `preloadScreens` fetches them all
// while the resident types the code, so no later click waits for a download.
const lazy: Record<string, Loader> = {
  'invite-email': () => import('./views/InviteEmailView.vue'),
  'have-account': () => import('./views/HaveAccountView.vue'),
  'sign-in': () => import('./views/SignInView.vue'),
  'sign-up-email': () => import('./views/SignUpEmailView.vue'),
  'verify-email': () => import('./views/VerifyEmailView.vue'),
  'email-verified': () => import('./views/EmailVerifiedView.vue'),
  'create-account': () => import('./views/CreateAccountView.vue'),
  'phone-number': () => import('./views/PhoneNumberView.vue'),
  'phone-code': () => import('./views/PhoneCodeView.vue'),
  'phone-call': () => import('./views/PhoneCallView.vue'),
  'phone-confirm': () => import('./views/PhoneConfirmView.vue'),
  'account-setup': () => import('./views/AccountSetupView.vue'),
  'check-answers': () => import('./views/CheckAnswersView.vue'),
  done: () => import('./views/DoneView.vue'),
};

/** What a screen needs before it can be shown; without it the resident goes back to the start. */
const NEEDS: Record<string, 'service' | 'invite' | 'account'> = {
  'invite-code': 'service',
  'invite-email': 'service',
  'have-account': 'invite',
  'sign-in': 'invite',
  'sign-up-email': 'invite',
  'verify-email': 'invite',
  'email-verified': 'invite',
  'create-account': 'invite',
  'phone-number': 'account',
  'phone-code': 'account',
  'phone-call': 'account',
  'phone-confirm': 'account',
  'account-setup': 'account',
  'check-answers': 'account',
  done: 'account',
};

/** Starts downloading every lazily loaded screen; safe to call more than once. */
export function preloadScreens(): void {
  for (const load of Object.values(lazy)) void load().catch(() => undefined);
}

const route = (path: string, name: string, title: string): RouteRecordRaw => {
  const component = lazy[name];
  if (component === undefined) throw new Error(`No screen for route ${name}`);
  return { path, name, component, meta: { title } };
};

/**
 * The kiosk's screens, one question each (DESIGN.md §2, the seed guides' steps). Memory history:
 * the address bar never holds a resident's step, and the browser's back button cannot walk into
 * the last resident's screens. Each route's `title` is a locale key, used for the document
 * title. A screen whose earlier steps are missing (nothing should lead there) sends the resident
 * to the welcome screen rather than showing half a form.
 */
export function createKioskRouter() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'welcome', component: WelcomeView, meta: { title: 'welcome.title' } },
      { path: '/invite-code', name: 'invite-code', component: InviteCodeView, meta: { title: 'inviteCode.title' } },
      route('/invite-email', 'invite-email', 'inviteEmail.title'),
      route('/have-account', 'have-account', 'haveAccount.titleGeneric'),
      route('/sign-in', 'sign-in', 'signIn.titleGeneric'),
      route('/sign-up/email', 'sign-up-email', 'signUpEmail.title'),
      route('/sign-up/code', 'verify-email', 'verifyEmail.title'),
      route('/sign-up/verified', 'email-verified', 'emailVerified.title'),
      route('/sign-up/details', 'create-account', 'createAccount.titleGeneric'),
      route('/phone', 'phone-number', 'phoneNumber.title'),
      route('/phone/code', 'phone-code', 'phoneCode.title'),
      route('/phone/call', 'phone-call', 'phoneCall.titleGeneric'),
      route('/phone/confirm', 'phone-confirm', 'phoneConfirm.title'),
      route('/account-setup', 'account-setup', 'accountSetup.title'),
      route('/check-answers', 'check-answers', 'checkAnswers.title'),
      route('/done', 'done', 'done.title'),
    ],
  });
  router.beforeEach((to) => {
    const need = NEEDS[String(to.name)];
    if (need === undefined) return true;
    const registration = useRegistrationStore();
    const met =
      need === 'service'
        ? registration.serviceId !== undefined
        : need === 'invite'
          ? registration.invitation !== undefined
          : registration.account !== undefined;
    return met ? true : { name: 'welcome' };
  });
  return router;
}
