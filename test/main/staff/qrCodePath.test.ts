import { create } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrCodePath } from '../../../main/staff/qrCodePath.ts';
import { staffDeviceSignInSchema } from '../../../shared/kioskApi/staffView.ts';

// Draws a path back into a grid of modules: each `M x y hN v1 h-N z` fills N modules of row y.
function drawn(size: number, path: string): number[][] {
  const grid = Array.from({ length: size }, () => Array.from({ length: size }, () => 0));
  const rectangle = /M(\d+) (\d+)h(\d+)v1h-(\d+)z/y;
  let match: RegExpExecArray | null;
  while ((match = rectangle.exec(path)) !== null) {
    const [x, y, run, back] = match.slice(1).map(Number) as [number, number, number, number];
    expect(back).toBe(run);
    for (let i = x; i < x + run; i += 1) {
      expect(grid[y]![i]).toBe(0);
      grid[y]![i] = 1;
    }
  }
  expect(path.replace(/M\d+ \d+h\d+v1h-\d+z/g, '')).toBe('');
  return grid;
}

const address = 'http://127.0.0.1:43123/device?user_code=WDJB-MJHT';

describe('qrCodePath', () => {
  it('draws exactly the dark modules of the QR code qrcode builds at level M', () => {
    const { size, path } = qrCodePath(address);
    const { modules } = create(address, { errorCorrectionLevel: 'M' });
    expect(size).toBe(modules.size);
    const grid = drawn(size, path);
    for (let y = 0; y < size; y += 1) {
      for (let x = 0; x < size; x += 1) expect(grid[y]![x], `module ${x},${y}`).toBe(modules.get(y, x));
    }
  });

  it('has the three finder patterns in their corners', () => {
    const { size, path } = qrCodePath(address);
    const grid = drawn(size, path);
    const finder = ['1111111', '1000001', '1011101', '1011101', '1011101', '1000001', '1111111'];
    for (const [left, top] of [
      [0, 0],
      [size - 7, 0],
      [0, size - 7],
    ] as const) {
      const seen = finder.map((_, row) => grid[top + row]!.slice(left, left + 7).join(''));
      expect(seen).toEqual(finder);
    }
  });

  it('merges each run of dark modules on a row into one rectangle, and fits the staff view contract', () => {
    const { size, path } = qrCodePath(address);
    const grid = drawn(size, path);
    const runs = [...path.matchAll(/M(\d+) (\d+)h(\d+)/g)].map((m) => m.slice(1).map(Number) as [number, number, number]);
    expect(runs.length).toBeLessThan(grid.flat().filter((m) => m === 1).length);
    for (const [x, y, run] of runs) {
      expect(grid[y]![x - 1] ?? 0, `left of run at ${x},${y}`).toBe(0);
      expect(grid[y]![x + run] ?? 0, `right of run at ${x},${y}`).toBe(0);
    }
    const qr = staffDeviceSignInSchema.shape.qr.parse({ size, path });
    expect(qr.size).toBeGreaterThanOrEqual(21);
  });

  it('grows with the text and differs for a different code', () => {
    const short = qrCodePath(address);
    const long = qrCodePath(`${address}&padding=${'x'.repeat(200)}`);
    expect(long.size).toBeGreaterThan(short.size);
    expect(qrCodePath(address.replace('WDJB', 'BCDF')).path).not.toBe(short.path);
    expect(qrCodePath(address)).toEqual(short);
  });
});
