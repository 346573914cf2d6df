// Regenerates the add-in's ribbon and task-pane icons in assets/ (deterministic, no image tools needed): a blue
// rounded square with a white "R", drawn with 4× supersampling and written as PNG with Node's zlib.
// `npx tsx scripts/make-icons.ts`
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";

const SIZES = [16, 32, 64, 80, 128];
const BLUE = [0x0f, 0x6c, 0xbd];

// The letter R on a 5×7 grid.
const GLYPH = ["1111.", "1...1", "1...1", "1111.", "1.1..", "1..1.", "1...1"];

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Coverage of one sample point: 0 outside, 1 background, 2 letter. */
function sample(x: number, y: number): number {
  const r = 0.2;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return 0;
  const gx = Math.floor((x - 0.28) / 0.09);
  const gy = Math.floor((y - 0.185) / 0.09);
  if (gy >= 0 && gy < 7 && gx >= 0 && gx < 5 && GLYPH[gy][gx] === "1") return 2;
  return 1;
}

function icon(size: number): Buffer {
  const ss = 4;
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const s = sample((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          if (s === 1) bg++;
          if (s === 2) fg++;
        }
      }
      const total = ss * ss;
      const alpha = (bg + fg) / total;
      const white = fg / Math.max(1, bg + fg);
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(BLUE[c] * (1 - white) + 255 * white);
      rgba[i + 3] = Math.round(alpha * 255);
    }
  }
  return png(size, rgba);
}

const dir = join(import.meta.dirname, "..", "assets");
mkdirSync(dir, { recursive: true });
for (const size of SIZES) writeFileSync(join(dir, `icon-${size}.png`), icon(size));
console.log(`wrote ${SIZES.map((s) => `icon-${s}.png`).join(", ")} in ${dir}`);
