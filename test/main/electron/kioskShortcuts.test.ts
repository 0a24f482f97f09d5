import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { filterKioskShortcuts, kioskShortcutOf } from '../../../main/electron/kioskShortcuts.ts';
import type { KioskInput } from '../../../main/electron/kioskShortcuts.ts';
import { capturedLog, preventable } from './electronFakes.ts';

const logged = capturedLog();

function key(key: string, modifiers: Partial<KioskInput> = {}, code = key.length === 1 ? `Key${key.toUpperCase()}` : key): KioskInput {
  return { type: 'keyDown', key, code, control: false, meta: false, alt: false, shift: false, ...modifiers };
}

describe('the shortcut filter', () => {
  it.each([
    ['Ctrl+R', key('r', { control: true }), 'reload'],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true }), 'reload'],
    ['F5', key('F5'), 'reload'],
    ['Ctrl+F5', key('F5', { control: true }), 'reload'],
    ['Ctrl+W', key('w', { control: true }), 'close'],
    ['Ctrl+F4', key('F4', { control: true }), 'close'],
    ['Ctrl+Q', key('q', { control: true }), 'quit'],
    ['Cmd+Q', key('q', { meta: true }), 'quit'],
    ['Alt+F4', key('F4', { alt: true }), 'quit'],
    ['Ctrl+M', key('m', { control: true }), 'minimise'],
    ['Cmd+H', key('h', { meta: true }), 'minimise'],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true }), 'devtools'],
    ['Ctrl+Shift+J', key('J', { control: true, shift: true }), 'devtools'],
    ['Ctrl+Shift+C', key('C', { control: true, shift: true }), 'devtools'],
    ['Cmd+Alt+I', key('i', { meta: true, alt: true }), 'devtools'],
    ['Ctrl+Shift+I with Alt too', key('I', { control: true, shift: true, meta: true }), 'devtools'],
    ['F12', key('F12'), 'devtools'],
    ['Ctrl+U', key('u', { control: true }), 'devtools'],
    ['Ctrl+P', key('p', { control: true }), 'print'],
    ['Ctrl+Shift+P', key('P', { control: true, shift: true }), 'print'],
    ['Ctrl+S', key('s', { control: true }), 'save'],
    ['Ctrl+O', key('o', { control: true }), 'open'],
    ['Ctrl+N', key('n', { control: true }), 'open'],
    ['Ctrl+T', key('t', { control: true }), 'open'],
    ['Ctrl+Shift+N', key('N', { control: true, shift: true }), 'open'],
    ['Ctrl+=', key('=', { control: true }, 'Equal'), 'zoom'],
    ['Ctrl+Shift+= (+)', key('+', { control: true, shift: true }, 'Equal'), 'zoom'],
    ['Ctrl+-', key('-', { control: true }, 'Minus'), 'zoom'],
    ['Ctrl+0', key('0', { control: true }, 'Digit0'), 'zoom'],
    ['Ctrl+numpad +', key('+', { control: true }, 'NumpadAdd'), 'zoom'],
    ['F11', key('F11'), 'full-screen'],
    ['Cmd+Ctrl+F', key('f', { meta: true, control: true }), 'full-screen'],
    ['Alt+Left', key('ArrowLeft', { alt: true }), 'navigate'],
    ['BrowserBack', key('BrowserBack'), 'navigate'],
    ['Ctrl+W on an AZERTY keyboard (the key marked W)', key('w', { control: true }, 'KeyZ'), 'close'],
    ['Ctrl+R on a Cyrillic layout', key('к', { control: true }, 'KeyR'), 'reload'],
  ])('blocks %s as %s', (_name, input, expected) => {
    expect(kioskShortcutOf(input)).toBe(expected);
  });

  it.each([
    ['a letter', key('a')],
    ['a capital letter', key('A', { shift: true })],
    ['Tab', key('Tab', {}, 'Tab')],
    ['Shift+Tab', key('Tab', { shift: true }, 'Tab')],
    ['Enter', key('Enter')],
    ['Space', key(' ', {}, 'Space')],
    ['Escape', key('Escape')],
    ['Backspace', key('Backspace')],
    ['an arrow', key('ArrowLeft')],
    ['Ctrl+C (copy)', key('c', { control: true })],
    ['Ctrl+V (paste)', key('v', { control: true })],
    ['Ctrl+A (select all)', key('a', { control: true })],
    ['Ctrl+Z (undo)', key('z', { control: true })],
    // AltGr arrives as Ctrl+Alt on Windows: '@' in an e-mail address must still get through.
    ['AltGr+Q (@) on a German keyboard', key('@', { control: true, alt: true }, 'KeyQ')],
    ['AltGr+E (€)', key('€', { control: true, alt: true }, 'KeyE')],
    ['Ctrl+Z (undo) on an AZERTY keyboard (physical W)', key('z', { control: true }, 'KeyW')],
    ['Ctrl+F (find: nothing in Electron)', key('f', { control: true })],
  ])('lets %s through', (_name, input) => {
    expect(kioskShortcutOf(input)).toBeUndefined();
  });

  it('stops blocked shortcuts before the page sees them, and logs what was tried', () => {
    const contents = Object.assign(new EventEmitter(), { toggleDevTools: () => expect.unreachable('devtools opened') });
    filterKioskShortcuts(contents as unknown as WebContents, { diagnostic: false });
    const blocked = preventable();
    contents.emit('before-input-event', blocked, key('I', { control: true, shift: true }));
    const typed = preventable();
    contents.emit('before-input-event', typed, key('a'));
    expect(blocked.prevented).toBe(true);
    expect(typed.prevented).toBe(false);
    expect(logged).toMatchObject([{ event: 'electron.shortcut_blocked', shortcut: 'devtools' }]);
  });

  it('in diagnostic mode stops nothing, and the devtools shortcut opens the developer tools', () => {
    let toggled = 0;
    const contents = Object.assign(new EventEmitter(), { toggleDevTools: () => toggled++ });
    filterKioskShortcuts(contents as unknown as WebContents, { diagnostic: true });
    const reload = preventable();
    contents.emit('before-input-event', reload, key('F5'));
    contents.emit('before-input-event', preventable(), key('F12'));
    expect(reload.prevented).toBe(false);
    expect(toggled).toBe(1);
  });
});
