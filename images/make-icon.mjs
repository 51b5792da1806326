// Draws images/icon.png (128x128, RGBA) with no dependencies: a Teams-purple tile with a
// speaker dot and three call waves fanning out to three small "shared" dots.
// Run: node images/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const pixels = Buffer.alloc(size * size * 4);
const S = 4; // supersampling per axis

function coverage(inside) {
    const out = new Float32Array(size * size);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
        let hits = 0;
        for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) {
            if (inside(x + (sx + 0.5) / S, y + (sy + 0.5) / S)) hits++;
        }
        out[y * size + x] = hits / (S * S);
    }
    return out;
}

function paint(mask, [r, g, b]) {
    for (let i = 0; i < size * size; i++) {
        const a = mask[i];
        if (a === 0) continue;
        const o = i * 4;
        const da = pixels[o + 3] / 255;
        const outA = a + da * (1 - a);
        pixels[o] = Math.round((r * a + pixels[o] * da * (1 - a)) / outA);
        pixels[o + 1] = Math.round((g * a + pixels[o + 1] * da * (1 - a)) / outA);
        pixels[o + 2] = Math.round((b * a + pixels[o + 2] * da * (1 - a)) / outA);
        pixels[o + 3] = Math.round(outA * 255);
    }
}

const roundRect = (x0, y0, x1, y1, rad) => (x, y) => {
    const cx = Math.min(Math.max(x, x0 + rad), x1 - rad);
    const cy = Math.min(Math.max(y, y0 + rad), y1 - rad);
    return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= rad ** 2;
};
const disc = (cx, cy, rad) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= rad ** 2;
const arc = (cx, cy, rad, width, from, to) => (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    const angle = Math.atan2(y - cy, x - cx);
    return Math.abs(d - rad) <= width / 2 && angle >= from && angle <= to;
};

paint(coverage(roundRect(4, 4, 124, 124, 26)), [75, 83, 188]);
const cx = 34, cy = 94;
paint(coverage(disc(cx, cy, 11)), [255, 255, 255]);
for (const rad of [30, 50, 70]) paint(coverage(arc(cx, cy, rad, 9, -Math.PI / 2 + 0.12, -0.12)), [255, 255, 255]);
for (const [dx, dy] of [[74, 30], [98, 56], [104, 88]]) paint(coverage(disc(dx, dy, 7)), [255, 196, 87]);

function crc32(buf) {
    let c, crc = 0xffffffff;
    for (const byte of buf) {
        c = (crc ^ byte) & 0xff;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        crc = (crc >>> 8) ^ c;
    }
    return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0); header.writeUInt32BE(size, 4);
header[8] = 8; header[9] = 6; header[10] = 0; header[11] = 0; header[12] = 0;
const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
