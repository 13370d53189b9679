/**
 * Draws the Chefsache app icons with Node alone (zlib + a hand-written PNG encoder), so the
 * icons can be regenerated without image tools: `node --import tsx scripts/make-icons.ts`.
 * The mark is a bold white "C" (a ring opened to the right) on the theme colour.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const THEME: Rgb = [0x0f, 0x52, 0x57];
const WHITE: Rgb = [0xff, 0xff, 0xff];
type Rgb = [number, number, number];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return out;
}

/** Encodes RGBA pixels (row-major, 4 bytes each) as an 8-bit truecolour-with-alpha PNG. */
function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type "none" for every scanline
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

interface IconShape {
  /** Corner radius of the background as a share of the size; 0 fills the square (maskable). */
  cornerRadius: number;
  /** Outer radius of the ring as a share of the size. */
  ringOuter: number;
  ringInner: number;
}

/** Coverage of one sample point: 0 transparent, 1 background, 2 mark. */
function sample(x: number, y: number, shape: IconShape): 0 | 1 | 2 {
  // Rounded-square background in unit coordinates.
  const r = shape.cornerRadius;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if (r > 0 && (x - cx) ** 2 + (y - cy) ** 2 > r * r) return 0;
  // The "C": a ring around the centre with a wedge cut out on the right.
  const dx = x - 0.5;
  const dy = y - 0.5;
  const distance = Math.hypot(dx, dy);
  const angle = Math.abs(Math.atan2(dy, dx)); // 0 points right
  const inRing = distance <= shape.ringOuter && distance >= shape.ringInner;
  const inGap = angle < Math.PI / 4.2;
  return inRing && !inGap ? 2 : 1;
}

function drawIcon(size: number, shape: IconShape): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  const grid = 4; // 4×4 supersampling for smooth edges
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let mark = 0;
      for (let sy = 0; sy < grid; sy++) {
        for (let sx = 0; sx < grid; sx++) {
          const hit = sample((px + (sx + 0.5) / grid) / size, (py + (sy + 0.5) / grid) / size, shape);
          if (hit === 1) bg++;
          else if (hit === 2) mark++;
        }
      }
      const covered = bg + mark;
      const i = (py * size + px) * 4;
      if (covered === 0) continue;
      const share = mark / covered;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(THEME[c]! * (1 - share) + WHITE[c]! * share);
      rgba[i + 3] = Math.round((covered / (grid * grid)) * 255);
    }
  }
  return encodePng(size, size, rgba);
}

const ROUNDED: IconShape = { cornerRadius: 0.2, ringOuter: 0.34, ringInner: 0.2 };
// Maskable icons may be cropped to a circle of 80% diameter: full-bleed background, smaller mark.
const MASKABLE: IconShape = { cornerRadius: 0, ringOuter: 0.26, ringInner: 0.155 };

const outDir = join(dirname(fileURLToPath(import.meta.url)), "..", "web", "public", "icons");
mkdirSync(outDir, { recursive: true });
const icons: [string, Buffer][] = [
  // The page's favicon: a phone decodes it on the screen's thread while the first screen loads, and 192 px took it 10 ms.
  ["icon-32.png", drawIcon(32, ROUNDED)],
  ["icon-192.png", drawIcon(192, ROUNDED)],
  ["icon-512.png", drawIcon(512, ROUNDED)],
  ["icon-maskable-512.png", drawIcon(512, MASKABLE)],
];
for (const [name, png] of icons) {
  writeFileSync(join(outDir, name), png);
  console.log(`${name}: ${png.length} bytes`);
}
