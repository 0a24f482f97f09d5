import { connectKiosk } from './kiosk/kioskApi.ts';
import { startKioskApp } from './kioskApp.ts';
import './styles/kiosk.css';

let connected = true;
try {
  connectKiosk();
} catch {
  connected = false;
}

const root = document.getElementById('app');
if (root !== null) startKioskApp(root, connected);
