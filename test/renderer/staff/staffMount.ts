import { mount } from '@vue/test-utils';
import type { VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { Component } from 'vue';
import { KioskEventHub } from '../../../main/kioskApi/kioskEventHub.ts';
import { createKioskI18n } from '../../../renderer/i18n.ts';
import { createKioskRouter } from '../../../renderer/router.ts';
import { createKioskClient } from '../../../shared/kioskApi/kioskClient.ts';
import type { KioskResult } from '../../../shared/kioskApi/kioskResult.ts';
import type { StaffView } from '../../../shared/kioskApi/staffView.ts';

/** One call the staff page sent, as its transport carried it. */
export interface SentCall {
  channel: string;
  input: unknown;
}

/** The host's answer to a call; a function may first publish events, as main's may reach the page before its answer. */
export type HostAnswer = KioskResult<unknown> | ((hub: KioskEventHub) => KioskResult<unknown>);

/** A staff page mounted with its host's transport recorded. */
export interface StaffPage {
  wrapper: VueWrapper;
  /** Every call the page made, in order. */
  sent: SentCall[];
  /** The channels called, in order. */
  channels: () => string[];
  /** Main publishes a staff view (checked against the contract by main's event hub). */
  show: (view: StaffView) => void;
}

/**
 * Mounts a staff screen as the staff window runs it: the kiosk client built from the contract,
 * its events from main's event hub (which checks every view against the contract as it is
 * published), its calls carried by a transport that records them and answers as the host would:
 * `answers` by channel, else "done" (`{}`, which the client refuses as malformed for a method
 * that answers more). Main's own answers to the staff methods are tested in the store's test
 * against the real dispatcher, and end to end over the web host; here the screens are tested:
 * which call a button makes, and what each staff view shows.
 */
export async function mountStaffPage(component: Component, first?: StaffView, answers: Record<string, HostAnswer> = {}): Promise<StaffPage> {
  const hub = new KioskEventHub();
  // Published before the page listens: the hub hands a late page the latest view at once.
  if (first !== undefined) hub.publish('staffView', first);
  const sent: SentCall[] = [];
  window.kiosk = createKioskClient({
    invoke: (channel, input) => {
      sent.push({ channel, input });
      const answer = answers[channel] ?? { ok: true, value: {} };
      return Promise.resolve(typeof answer === 'function' ? answer(hub) : answer);
    },
    subscribe: (channel, listener) =>
      hub.subscribe(
        (published, payload) => {
          if (published === channel) listener(payload);
        },
        (audience) => audience !== 'resident',
      ),
  });
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createKioskRouter();
  await router.push('/');
  const wrapper = mount(component, { attachTo: document.body, global: { plugins: [pinia, createKioskI18n(), router] } }) as VueWrapper;
  return { wrapper, sent, channels: () => sent.map((call) => call.channel), show: (view) => hub.publish('staffView', view) };
}

/** Unmounts the page and forgets its kiosk client. */
export function closeStaffPage(page: StaffPage | undefined): void {
  page?.wrapper.unmount();
  delete window.kiosk;
}
