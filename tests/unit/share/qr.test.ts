import { describe, expect, it } from 'vitest';
import { encode } from 'uqr';
import { qrDrawing } from '../../../src/share/qr';

/** The modules a drawing's path paints, read back from its `M x y h n v1 h-n z` runs. */
function painted(path: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, n] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g))
    for (let i = 0; i < Number(n); i++) grid[Number(y)]![Number(x) + i] = true;
  return grid;
}

describe('qrDrawing', () => {
  it('paints exactly the dark modules of the code', () => {
    const text = 'https://timer.example/#/shared/1.abcDEF_-';
    const drawing = qrDrawing(text)!;
    const expected = encode(text, { ecc: 'M', border: 0 }).data;
    expect(drawing.size).toBe(expected.length);
    expect(painted(drawing.path, drawing.size)).toEqual(expected);
  });

  it('falls back to less error correction for a longer link, and gives up past what a QR code holds', () => {
    expect(qrDrawing('a'.repeat(2500))).not.toBeNull(); // over M's 2331 bytes, within L's 2953
    expect(qrDrawing('a'.repeat(3000))).toBeNull();
  });
});
