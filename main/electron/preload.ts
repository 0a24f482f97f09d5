import { contextBridge, ipcRenderer } from 'electron';
import { createKioskClient } from '../../shared/kioskApi/kioskClient.ts';

// The preload runs sandboxed: it may only use `contextBridge` and `ipcRenderer`. It exposes one
// object, `window.kiosk`, built from the contract; raw `ipcRenderer` never reaches the page.
contextBridge.exposeInMainWorld(
  'kiosk',
  createKioskClient({
    invoke: (channel, input) => ipcRenderer.invoke(channel, input),
    subscribe: (channel, listener) => {
      const handler = (_event: unknown, payload: unknown): void => listener(payload);
      ipcRenderer.on(channel, handler);
      return () => {
        ipcRenderer.off(channel, handler);
      };
    },
  }),
);
