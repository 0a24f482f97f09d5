import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n.ts';
import { connectKiosk } from './kiosk/kioskApi.ts';
import { createKioskRouter } from './router.ts';
import './styles/kiosk.css';

let connected = true;
try {
  connectKiosk();
} catch {
  connected = false;
}

const app = createApp(App, { connected });
app.use(createPinia());
app.use(i18n);
app.use(createKioskRouter());
app.mount('#app');
