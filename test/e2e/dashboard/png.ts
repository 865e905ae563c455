// Reads the PNG screenshots Chromium writes (8-bit RGB or RGBA, not interlaced), so a test can check what was drawn:
// the colours of a chart's series are on the picture, not merely in the DOM.
import { readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";

export interface Picture {
  width: number;
  height: number;
  /** RGB of the pixel at (x, y). */
  at(x: number, y: number): [number, number, number];
}

const SIGNATURE = "89504e470d0a1a0a";

export function readPng(path: string): Picture {
  const bytes = readFileSync(path);
  if (bytes.subarray(0, 8).toString("hex") !== SIGNATURE) throw new Error(`${path} is not a PNG`);
  let offset = 8;
  let header: { width: number; height: number; bitDepth: number; colourType: number; interlace: number } | undefined;
  const data: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.subarray(offset + 4, offset + 8).toString("latin1");
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: body[8] as number, colourType: body[9] as number, interlace: body[12] as number };
    if (type === "IDAT") data.push(body);
    offset += 12 + length;
  }
  if (header === undefined || header.bitDepth !== 8 || ![2, 6].includes(header.colourType) || header.interlace !== 0) {
    throw new Error(`${path}: only 8-bit RGB or RGBA PNGs without interlacing are read here`);
  }
  const channels = header.colourType === 6 ? 4 : 3;
  const pixels = unfilter(inflateSync(Buffer.concat(data)), header.width, header.height, channels);
  const { width, height } = header;
  return {
    width,
    height,
    at: (x, y) => {
      const start = (y * width + x) * channels;
      return [pixels[start] as number, pixels[start + 1] as number, pixels[start + 2] as number];
    },
  };
}

/** Undoes the per-row filters of PNG (none, sub, up, average, Paeth). */
function unfilter(raw: Buffer, width: number, height: number, channels: number): Uint8Array {
  const stride = width * channels;
  const out = new Uint8Array(stride * height);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)] as number;
    if (filter > 4) throw new Error(`unknown PNG filter ${filter}`);
    const source = row * (stride + 1) + 1;
    for (let column = 0; column < stride; column++) {
      const left = column >= channels ? (out[row * stride + column - channels] as number) : 0;
      const up = row > 0 ? (out[(row - 1) * stride + column] as number) : 0;
      const upLeft = row > 0 && column >= channels ? (out[(row - 1) * stride + column - channels] as number) : 0;
      const value = raw[source + column] as number;
      const predicted = filter === 0 ? 0 : filter === 1 ? left : filter === 2 ? up : filter === 3 ? (left + up) >> 1 : paeth(left, up, upLeft);
      out[row * stride + column] = (value + predicted) & 0xff;
    }
  }
  return out;
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

/** How many pixels are within `tolerance` (per channel) of the colour `rgb`. */
export function countColour(picture: Picture, rgb: readonly [number, number, number], tolerance = 12): number {
  let count = 0;
  for (let y = 0; y < picture.height; y++) {
    for (let x = 0; x < picture.width; x++) {
      const pixel = picture.at(x, y);
      if (pixel.every((channel, index) => Math.abs(channel - (rgb[index] as number)) <= tolerance)) count++;
    }
  }
  return count;
}

/** "rgb(11, 85, 160)" as computed styles give colours. */
export function parseRgb(css: string): [number, number, number] {
  const match = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  if (match === null) throw new Error(`not an rgb() colour: ${css}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}
