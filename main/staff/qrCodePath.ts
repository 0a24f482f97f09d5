import { create } from 'qrcode';

/** A QR code as the staff page draws it: `size` modules square, the dark ones as one SVG path. */
export interface QrCodePath {
  /** Modules per side, without the quiet zone (the page adds that margin around its `viewBox`). */
  size: number;
  /** The dark modules, one `M x y hN v1 h-N z` rectangle per horizontal run, in module units. */
  path: string;
}

/**
 * The QR code of `text` (the device sign-in's verification address, for the caseworker's work
 * device to scan), built by the `qrcode` package at error correction level M and turned into a
 * single SVG path, so the page can draw it with one `<path>` in a `viewBox="0 0 size size"`
 * (plus a quiet zone) without any image, script or data URL reaching it. Runs of dark modules
 * on a row are merged into one rectangle, which keeps the path short.
 */
export function qrCodePath(text: string): QrCodePath {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const { size } = modules;
  const parts: string[] = [];
  for (let y = 0; y < size; y += 1) {
    let x = 0;
    while (x < size) {
      if (modules.get(y, x) === 0) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < size && modules.get(y, x) !== 0) x += 1;
      const run = x - start;
      parts.push(`M${start} ${y}h${run}v1h-${run}z`);
    }
  }
  return { size, path: parts.join('') };
}
