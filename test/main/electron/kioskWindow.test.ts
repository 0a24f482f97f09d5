import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createKioskWindow } from '../../../main/electron/windowHardening.ts';
import type { KioskWindowClass } from '../../../main/electron/windowHardening.ts';

describe('the kiosk window', () => {
  function created(diagnostic: boolean): BrowserWindowConstructorOptions {
    let options: BrowserWindowConstructorOptions | undefined;
    function FakeWindow(given: BrowserWindowConstructorOptions): void {
      options = given;
    }
    createKioskWindow(FakeWindow as unknown as KioskWindowClass, '/app/preload.cjs', diagnostic);
    return options!;
  }

  it('follows the Electron security checklist, without developer tools or middle-click windows', () => {
    const options = created(false);
    expect(options).toMatchObject({ kiosk: true, closable: false, minimizable: false, resizable: false, movable: false });
    expect(options.webPreferences).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
      spellcheck: false,
      safeDialogs: true,
    });
  });

  it('opens on the display it is given (kiosk mode then covers that display)', () => {
    let options: BrowserWindowConstructorOptions | undefined;
    function FakeWindow(given: BrowserWindowConstructorOptions): void {
      options = given;
    }
    createKioskWindow(FakeWindow as unknown as KioskWindowClass, '/app/preload.cjs', false, { x: 1920, y: 0, width: 1280, height: 800 });
    expect(options).toMatchObject({ x: 1920, y: 0, kiosk: true });
    expect(created(false)).not.toHaveProperty('x');
  });

  it('is a normal window with developer tools in diagnostic mode, and no less secure', () => {
    const options = created(true);
    expect(options).toMatchObject({ kiosk: false, closable: true, minimizable: true });
    expect(options.webPreferences).toMatchObject({ devTools: true, contextIsolation: true, sandbox: true, nodeIntegration: false });
  });

  it('has every security setting written at the `new BrowserWindow({...})` call, where scanners read it', () => {
    const path = fileURLToPath(new URL('../../../main/electron/windowHardening.ts', import.meta.url));
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const calls: ts.NewExpression[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && node.expression.getText() === 'BrowserWindow') calls.push(node);
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(calls).toHaveLength(1);
    const literal = calls[0]!.arguments?.[0];
    expect(literal && ts.isObjectLiteralExpression(literal)).toBe(true);
    const web = (literal as ts.ObjectLiteralExpression).properties.find((p) => p.name?.getText() === 'webPreferences');
    expect(web && ts.isPropertyAssignment(web) && ts.isObjectLiteralExpression(web.initializer)).toBe(true);
    const settings = Object.fromEntries(
      ((web as ts.PropertyAssignment).initializer as ts.ObjectLiteralExpression).properties.map((p) => [
        p.name?.getText() ?? '...spread',
        ts.isPropertyAssignment(p) ? p.initializer.getText() : '',
      ]),
    );
    expect(settings).toMatchObject({
      contextIsolation: 'true',
      sandbox: 'true',
      nodeIntegration: 'false',
      nodeIntegrationInWorker: 'false',
      nodeIntegrationInSubFrames: 'false',
      webSecurity: 'true',
      allowRunningInsecureContent: 'false',
      experimentalFeatures: 'false',
      webviewTag: 'false',
      disableBlinkFeatures: "'Auxclick'",
    });
    expect(settings).not.toHaveProperty('...spread');
  });
});
