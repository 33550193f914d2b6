// The app icon files (build/icon.png, build/icons/*.png): valid PNGs of the sizes
// electron-builder needs, and exactly what scripts/make-icon.mjs draws today.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawIcon } from '../../../scripts/make-icon.mjs';

const buildDir = fileURLToPath(new URL('../../../build/', import.meta.url));

/** Reads an 8-bit RGBA, unfiltered PNG as written by make-icon.mjs, checking every chunk's CRC. */
function decodePng(bytes: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    expect(bytes.readUInt32BE(offset + 8 + length), `${type} CRC`).toBe(crc32(bytes.subarray(offset + 4, offset + 8 + length)));
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([...body.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let row = 0; row < height; row += 1) {
    expect(raw[row * (stride + 1)]).toBe(0);
    raw.copy(pixels, row * stride, row * (stride + 1) + 1, (row + 1) * (stride + 1));
  }
  return { width, height, pixels };
}

describe.each([
  ['icon.png', 512],
  ['icons/512x512.png', 512],
  ['icons/256x256.png', 256],
])('build/%s', (file, size) => {
  it(`is a ${size}x${size} RGBA PNG matching scripts/make-icon.mjs`, () => {
    const { width, height, pixels } = decodePng(readFileSync(`${buildDir}${file}`));
    expect([width, height]).toEqual([size, size]);
    expect(pixels.equals(Buffer.from(drawIcon(size)))).toBe(true);
    // Transparent corners around an opaque rounded square.
    expect(pixels[3]).toBe(0);
    expect(pixels[((size / 2) * size + size / 2) * 4 + 3]).toBe(255);
  });
});
