import { createMemoryHistory, createRouter } from 'vue-router';
import type { RouteComponent, RouteRecordRaw } from 'vue-router';
import { useRegistrationStore } from './stores/registrationStore.ts';
import InviteCodeView from './views/InviteCodeView.vue';
import WelcomeView from './views/WelcomeView.vue';

type Loader = () => Promise<RouteComponent>;

/** What a screen needs before it can be shown; without it the resident goes back to the start. */
type Need = 'service' | 'invite' | 'account';

/** One screen: its path, its view (or the loader of its view), its title's locale key, its need. */
interface Screen {
  path: string;
  load: RouteComponent | Loader;
  title: string;
  needs?: Need;
}

/**
 * The kiosk's screens, one question each (DESIGN.md §2, the seed guides' steps), by route name.
 * Screens after the invite code load on demand, so the first screen's JavaScript stays small
 * (the phone screens bring libphonenumber's full metadata). Each `title` is a locale key, used
 * for the document title.
 */
const SCREENS = {
  welcome: { path: '/', load: WelcomeView, title: 'welcome.title' },
  'invite-code': { path: '/invite-code', load: InviteCodeView, title: 'inviteCode.title', needs: 'service' },
  'read-code': { path: '/read-code', load: () => import('./views/ReadYourCodeView.vue'), title: 'assisted.readCodeTitle', needs: 'service' },
  'invite-email': { path: '/invite-email', load: () => import('./views/InviteEmailView.vue'), title: 'inviteEmail.title', needs: 'service' },
  'have-account': { path: '/have-account', load: () => import('./views/HaveAccountView.vue'), title: 'haveAccount.titleGeneric', needs: 'invite' },
  'sign-in': { path: '/sign-in', load: () => import('./views/SignInView.vue'), title: 'signIn.titleGeneric', needs: 'invite' },
  'sign-up-email': { path: '/sign-up/email', load: () => import('./views/SignUpEmailView.vue'), title: 'signUpEmail.title', needs: 'invite' },
  'verify-email': { path: '/sign-up/code', load: () => import('./views/VerifyEmailView.vue'), title: 'verifyEmail.title', needs: 'invite' },
  'email-verified': { path: '/sign-up/verified', load: () => import('./views/EmailVerifiedView.vue'), title: 'emailVerified.title', needs: 'invite' },
  'create-account': { path: '/sign-up/details', load: () => import('./views/CreateAccountView.vue'), title: 'createAccount.titleGeneric', needs: 'invite' },
  'phone-number': { path: '/phone', load: () => import('./views/PhoneNumberView.vue'), title: 'phoneNumber.title', needs: 'account' },
  'phone-code': { path: '/phone/code', load: () => import('./views/PhoneCodeView.vue'), title: 'phoneCode.title', needs: 'account' },
  'phone-call': { path: '/phone/call', load: () => import('./views/PhoneCallView.vue'), title: 'phoneCall.titleGeneric', needs: 'account' },
  'phone-confirm': { path: '/phone/confirm', load: () => import('./views/PhoneConfirmView.vue'), title: 'phoneConfirm.title', needs: 'account' },
  'account-setup': { path: '/account-setup', load: () => import('./views/AccountSetupView.vue'), title: 'accountSetup.title', needs: 'account' },
  'check-answers': { path: '/check-answers', load: () => import('./views/CheckAnswersView.vue'), title: 'checkAnswers.title', needs: 'account' },
  done: { path: '/done', load: () => import('./views/DoneView.vue'), title: 'done.title', needs: 'account' },
} as const satisfies Record<string, Screen>;

/** The name of one of the kiosk's screens, for `router.push({ name })` and `back` links. */
export type RouteName = keyof typeof SCREENS;

const screens = (): [RouteName, Screen][] => Object.entries(SCREENS) as [RouteName, Screen][];

/** Starts downloading every lazily loaded screen; safe to call more than once. */
export function preloadScreens(): void {
  for (const [, { load }] of screens()) if (typeof load === 'function') void (load as Loader)().catch(() => undefined);
}

/**
 * The kiosk's router. Memory history: the address bar never holds a resident's step, and the
 * browser's back button cannot walk into the last resident's screens. A screen whose earlier
 * steps are missing (nothing should lead there) sends the resident to the welcome screen rather
 * than showing half a form.
 */
export function createKioskRouter() {
  const routes: RouteRecordRaw[] = screens().map(([name, { path, load, title }]) => ({ path, name, component: load, meta: { title } }));
  const router = createRouter({ history: createMemoryHistory(), routes });
  router.beforeEach((to) => {
    const need = (SCREENS as Record<string, Screen>)[to.name]?.needs;
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
