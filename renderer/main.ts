import { connectKiosk } from './kiosk/kioskApi.ts';
import { startKioskApp } from './kioskApp.ts';
import './styles/kiosk.css';

const root = document.getElementById('app');
// Which page this is (the resident's, or the staff window) is the host's to say, before mounting.
void connectKiosk().then(
  async (kiosk) => {
    const info = await kiosk.getKioskInfo();
    if (root !== null) startKioskApp(root, true, info.ok ? info.value.page : 'kiosk');
  },
  () => {
    if (root !== null) startKioskApp(root, false);
  },
);
