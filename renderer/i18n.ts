import { createI18n } from 'vue-i18n';
import en from './locales/en.json';

/** Every string the kiosk shows comes from a locale file; English is complete. */
export function createKioskI18n() {
  return createI18n({
    legacy: false,
    locale: 'en',
    fallbackLocale: 'en',
    messages: { en },
  });
}
