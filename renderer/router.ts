import { createMemoryHistory, createRouter } from 'vue-router';
import InviteCodeView from './views/InviteCodeView.vue';
import WelcomeView from './views/WelcomeView.vue';

/**
 * The kiosk's screens. Memory history: the address bar never holds a resident's step, and the
 * browser's back button cannot walk into the last resident's screens. Each route's `title`
 * is a locale key, used for the document title.
 */
export function createKioskRouter() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'welcome', component: WelcomeView, meta: { title: 'welcome.title' } },
      { path: '/invite-code', name: 'invite-code', component: InviteCodeView, meta: { title: 'inviteCode.title' } },
    ],
  });
}
