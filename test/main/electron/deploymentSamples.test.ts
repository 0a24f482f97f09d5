import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

// The deployment samples in main/electron/build/ must name what the installers actually install,
// and restart the kiosk when it exits.

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SHELL_LAUNCHER = 'http://schemas.microsoft.com/ShellLauncher/2018/Configuration';
const SHELL_LAUNCHER_V2 = 'http://schemas.microsoft.com/ShellLauncher/2019/Configuration';

async function packageInfo(): Promise<{ name: string; productName: string }> {
  return JSON.parse(await readFile(`${ROOT}/package.json`, 'utf8')) as { name: string; productName: string };
}

describe('Windows Shell Launcher sample', () => {
  it('runs the per-machine install for the auto-logon Kiosk account and restarts it when it exits', async () => {
    const { productName } = await packageInfo();
    const builder = load(await readFile(`${ROOT}/electron-builder.yml`, 'utf8')) as { nsis: { perMachine: boolean }; msi: { perMachine: boolean } };
    expect(builder.nsis.perMachine && builder.msi.perMachine).toBe(true);

    const xml = await readFile(`${ROOT}/main/electron/build/windows/ShellLauncher.xml`, 'utf8');
    const document = new new Window().DOMParser().parseFromString(xml, 'application/xml');
    expect(document.querySelector('parsererror')).toBeNull();
    const root = document.documentElement;
    expect(root.localName).toBe('ShellLauncherConfiguration');
    expect(root.namespaceURI).toBe(SHELL_LAUNCHER);

    const kioskProfile = [...document.getElementsByTagName('Profile')].find((element) => element.parentElement?.localName === 'Profiles');
    const shell = kioskProfile?.getElementsByTagName('Shell')[0];
    expect(shell?.getAttribute('Shell')).toBe(`%ProgramFiles%\\${productName}\\${productName}.exe`);
    expect(root.getAttribute('xmlns:V2')).toBe(SHELL_LAUNCHER_V2);
    expect(shell?.getAttribute('V2:AppType')).toBe('Desktop');
    expect(shell?.getElementsByTagName('DefaultAction')[0]?.getAttribute('Action')).toBe('RestartShell');

    const config = document.getElementsByTagName('Config')[0];
    expect(config?.getElementsByTagName('AutoLogonAccount')).toHaveLength(1);
    expect(config?.getElementsByTagName('Profile')[0]?.getAttribute('Id')).toBe(kioskProfile?.getAttribute('Id'));
  });
});

describe('Linux systemd sample', () => {
  it('starts the deb-installed kiosk in a cage session as the kiosk user, and always restarts it', async () => {
    const { name, productName } = await packageInfo();
    const unit = await readFile(`${ROOT}/main/electron/build/linux/council-access-kiosk.service`, 'utf8');
    const sections = new Map<string, Map<string, string>>();
    let current = new Map<string, string>();
    for (const line of unit.split('\n')) {
      const section = /^\[(\w+)\]$/.exec(line);
      if (section?.[1] !== undefined) sections.set(section[1], (current = new Map<string, string>()));
      else if (/^\w+=/.test(line)) current.set(line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1));
    }
    const service = sections.get('Service');
    expect(service?.get('User')).toBe('kiosk');
    expect(service?.get('Restart')).toBe('always');
    expect(service?.get('ExecStart')).toMatch(/^\/usr\/bin\/cage .*-- /);
    // electron-builder's deb installs to /opt/<productName>/<executable, the package name>.
    expect(service?.get('ExecStart')).toContain(`"/opt/${productName}/${name}"`);
    expect(sections.get('Unit')?.get('StartLimitBurst')).toBe('10');
    expect(sections.get('Install')?.get('WantedBy')).toBe('graphical.target');
  });
});
