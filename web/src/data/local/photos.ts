/**
 * Photos are made smaller on the device before they are stored: a phone camera's 12 MP image
 * would cost minutes of upload on a shop's mobile signal, and the server refuses more than 10 MB.
 */

/** The longest side of a stored photo, in pixels. */
export const MAX_PHOTO_SIDE = 1600;
export const PHOTO_TYPE = "image/jpeg";
export const PHOTO_QUALITY = 0.85;

/** Types the server accepts as they are (see server/routes/attachments). */
const ACCEPTED_AS_IS = new Set(["image/jpeg", "image/png", "image/webp"]);
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface Size {
  width: number;
  height: number;
}

/**
 * The size that fits within `max` on the longest side, keeping the aspect ratio. Never enlarges;
 * never rounds a side to zero, and never rounds the longest side above `max`.
 */
export function fitWithin(size: Size, max = MAX_PHOTO_SIDE): Size {
  const width = Math.max(1, Math.round(size.width));
  const height = Math.max(1, Math.round(size.height));
  const longest = Math.max(width, height);
  if (longest <= max) return { width, height };
  const scale = max / longest;
  return {
    width: width >= height ? max : Math.max(1, Math.min(max, Math.round(width * scale))),
    height: height > width ? max : Math.max(1, Math.min(max, Math.round(height * scale))),
  };
}

export class PhotoError extends Error {
  override readonly name = "PhotoError";
}

async function encode(bitmap: ImageBitmap, size: Size): Promise<Blob> {
  if (typeof OffscreenCanvas !== "undefined") {
    const canvas = new OffscreenCanvas(size.width, size.height);
    const context = canvas.getContext("2d");
    if (!context) throw new PhotoError("No 2D canvas");
    // JPEG has no transparency: a transparent PNG would otherwise turn black.
    context.fillStyle = "#fff";
    context.fillRect(0, 0, size.width, size.height);
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    return canvas.convertToBlob({ type: PHOTO_TYPE, quality: PHOTO_QUALITY });
  }
  const canvas = document.createElement("canvas");
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext("2d");
  if (!context) throw new PhotoError("No 2D canvas");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, size.width, size.height);
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new PhotoError("Encoding failed"))), PHOTO_TYPE, PHOTO_QUALITY));
}

/**
 * A photo ready to store: at most {@link MAX_PHOTO_SIDE} px on its longest side, as JPEG.
 * Every photo is re-encoded, also a small one, which also drops its EXIF data (location!).
 * A photo the browser cannot decode is kept as it is only when the server would accept it.
 */
export async function preparePhoto(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    // "from-image" turns a portrait phone photo upright, as the camera meant it.
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    if (ACCEPTED_AS_IS.has(file.type) && file.size <= MAX_UPLOAD_BYTES) return file;
    throw new PhotoError("This image cannot be read");
  }
  try {
    return await encode(bitmap, fitWithin({ width: bitmap.width, height: bitmap.height }));
  } finally {
    bitmap.close();
  }
}
