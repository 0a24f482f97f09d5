import { connectKiosk } from './kiosk/kioskApi.ts';
import { startKioskApp } from './kioskApp.ts';
import './styles/kiosk.css';

const root = document.getElementById('app');
void connectKiosk().then(
  () => true,
  () => false,
).then((connected) => {
  if (root !== null) startKioskApp(root, connected);
});
