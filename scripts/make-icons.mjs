// Draws the app icon (the favicon's red ring and dot on the app's dark background) and writes the
// three files electron-builder picks up from build/: icon.png (Linux), icon.ico (Windows) and
// icon.icns (macOS). No image library: PNG is zlib-compressed RGBA rows, ICO and ICNS are thin
// containers around PNG images. Run `npm run icons` after changing the drawing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BACKGROUND = [0x0f, 0x11, 0x15];
const RED = [0xf8, 0x51, 0x49];

/** Coverage in [0, 1] of the shape at (x, y) in a 16-unit viewBox, 4x4 supersampled. */
function sample(size, px, py, inside) {
  let hits = 0;
  for (let sy = 0; sy < 4; sy += 1) {
    for (let sx = 0; sx < 4; sx += 1) {
      const x = ((px + (sx + 0.5) / 4) / size) * 16;
      const y = ((py + (sy + 0.5) / 4) / size) * 16;
      if (inside(x, y)) hits += 1;
    }
  }
  return hits / 16;
}

const roundedSquare = (x, y) => {
  const r = 3.5;
  const dx = Math.max(r - x, 0, x - (16 - r));
  const dy = Math.max(r - y, 0, y - (16 - r));
  return dx * dx + dy * dy <= r * r;
};
const ringOrDot = (x, y) => {
  const d = Math.hypot(x - 8, y - 8);
  return Math.abs(d - 5) <= 1.1 || d <= 1.9;
};

/** RGBA pixels of the icon at `size` x `size`. */
export function drawIcon(size) {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const alpha = sample(size, px, py, roundedSquare);
      const red = sample(size, px, py, ringOrDot);
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c += 1) pixels[i + c] = Math.round(BACKGROUND[c] * (1 - red) + RED[c] * red);
      pixels[i + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function png(size) {
  const pixels = drawIcon(size);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1)
    pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A Windows icon holding one 256x256 PNG (the size electron-builder requires). */
export function ico(image) {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.set([0, 0, 0, 0], 6); // 0 = 256 px wide and high, no palette
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(image.length, 14);
  header.writeUInt32LE(header.length, 18);
  return Buffer.concat([header, image]);
}

/** A macOS icon family from PNG images keyed by ICNS type (ic08 = 256, ic09 = 512, ic10 = 1024). */
export function icns(images) {
  const entries = Object.entries(images).map(([type, image]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(image.length + 8, 4);
    return Buffer.concat([head, image]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + entries.reduce((sum, e) => sum + e.length, 0), 4);
  return Buffer.concat([head, ...entries]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const png256 = png(256);
  const png512 = png(512);
  mkdirSync('build', { recursive: true });
  writeFileSync('build/icon.png', png512);
  writeFileSync('build/icon.ico', ico(png256));
  writeFileSync('build/icon.icns', icns({ ic08: png256, ic09: png512, ic10: png(1024) }));
  console.log('Wrote build/icon.png, build/icon.ico and build/icon.icns.');
}
