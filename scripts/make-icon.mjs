// @ts-check
// Draws the app icon (a pulse on a rounded square, in two colours) and writes it as PNG files
// for electron-builder: build/icon.png (512x512, from which it derives the macOS and Windows
// icons) and build/icons/<size>.png (the Linux icon set). Uses only node:zlib; the output is
// the same bytes on every run, so the files can be committed. Run: node scripts/make-icon.mjs

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const BACKGROUND = [0x1b, 0x26, 0x3b]; // deep blue
const PULSE = [0x3d, 0xdc, 0x97]; // mint

/** The pulse line, in units of the icon's width: a calm line, one event, a smaller one. */
const PULSE_POINTS = [
  [0.17, 0.55],
  [0.33, 0.55],
  [0.4, 0.28],
  [0.49, 0.75],
  [0.55, 0.55],
  [0.64, 0.55],
  [0.69, 0.42],
  [0.74, 0.55],
  [0.83, 0.55],
];
const PULSE_WIDTH = 0.06;
const MARGIN = 0.06; // transparent border, as platform icon grids expect
const CORNER = 0.2;

/**
 * RGBA pixels of the icon at `size` x `size`.
 * @param {number} size
 */
export function drawIcon(size) {
  const pixels = new Uint8Array(size * size * 4);
  const half = (1 - 2 * MARGIN) / 2;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const x = (px + 0.5) / size;
      const y = (py + 0.5) / size;
      // Coverage from signed distances, with a one-pixel soft edge for anti-aliasing.
      const square = coverage(roundedSquareDistance(x - 0.5, y - 0.5, half, CORNER) * size);
      const line = coverage((polylineDistance(x, y, PULSE_POINTS) - PULSE_WIDTH / 2) * size);
      const offset = (py * size + px) * 4;
      for (let c = 0; c < 3; c += 1) {
        pixels[offset + c] = Math.round(mix(/** @type {number} */ (BACKGROUND[c]), /** @type {number} */ (PULSE[c]), line));
      }
      pixels[offset + 3] = Math.round(255 * square);
    }
  }
  return pixels;
}

/** @param {number} distance  in pixels, negative inside */
function coverage(distance) {
  return Math.min(1, Math.max(0, 0.5 - distance));
}

/** @param {number} a @param {number} b @param {number} t */
function mix(a, b, t) {
  return a + (b - a) * t;
}

/**
 * Signed distance from a square of half-width `half` centred on the origin with rounded corners.
 * @param {number} x @param {number} y @param {number} half @param {number} radius
 */
function roundedSquareDistance(x, y, half, radius) {
  const qx = Math.abs(x) - half + radius;
  const qy = Math.abs(y) - half + radius;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

/**
 * Distance from (x, y) to the nearest segment of a polyline (round caps and joins).
 * @param {number} x @param {number} y @param {number[][]} points
 */
function polylineDistance(x, y, points) {
  let best = Infinity;
  for (let i = 1; i < points.length; i += 1) {
    const [ax = 0, ay = 0] = /** @type {number[]} */ (points[i - 1]);
    const [bx = 0, by = 0] = /** @type {number[]} */ (points[i]);
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
  }
  return best;
}

/**
 * A PNG file (8-bit RGBA, no interlace) holding `pixels`.
 * @param {number} size @param {Uint8Array} pixels
 */
export function encodePng(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // compression, filter and interlace methods stay 0
  const stride = size * 4;
  const scanlines = Buffer.alloc((stride + 1) * size);
  for (let row = 0; row < size; row += 1) {
    // Each scanline starts with its filter type; 0 is "none".
    scanlines.set(pixels.subarray(row * stride, (row + 1) * stride), row * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const buildDir = fileURLToPath(new URL('../build/', import.meta.url));
  mkdirSync(join(buildDir, 'icons'), { recursive: true });
  const outputs = [
    [512, join(buildDir, 'icon.png')],
    [512, join(buildDir, 'icons', '512x512.png')],
    [256, join(buildDir, 'icons', '256x256.png')],
  ];
  for (const [size, path] of /** @type {[number, string][]} */ (outputs)) {
    writeFileSync(path, encodePng(size, drawIcon(size)));
    console.log(`wrote ${path}`);
  }
}
