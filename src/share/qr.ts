// A link as a QR code's modules, drawn as one SVG path: error correction M where the link fits
// (a code on a screen survives glare and a smudge), L for a longer link, nothing past what QR holds.
import { encode } from 'uqr';

/** Blank modules around the code, as the QR standard asks so a camera finds its edges. */
export const QUIET_ZONE = 4;

export interface QrDrawing {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** The dark modules as one SVG path, a rectangle per horizontal run, in module units. */
  path: string;
}

/** The code for `text`, or null when it is too long for any QR code. */
export function qrDrawing(text: string): QrDrawing | null {
  const matrix = encodeAtBest(text);
  if (!matrix) return null;
  let path = '';
  matrix.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (!row[x]) continue;
      const start = x;
      while (row[x + 1]) x++;
      const run = x - start + 1;
      path += `M${start} ${y}h${run}v1h-${run}z`;
    }
  });
  return { size: matrix.length, path };
}

function encodeAtBest(text: string): boolean[][] | null {
  for (const ecc of ['M', 'L'] as const) {
    try {
      return encode(text, { ecc, border: 0 }).data;
    } catch {
      // Too long at this level: try the next, which holds more.
    }
  }
  return null;
}
