import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Db } from "../../db/client";
import { attachments } from "../../db/schema";
import type { AppEnv } from "../../http/env";
import { ApiError, errorBody, notFound } from "../../http/errors";

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** The first bytes each accepted image type must start with, so a label cannot lie. */
const SIGNATURES: Record<string, (bytes: Uint8Array) => boolean> = {
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "image/png": (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v),
  "image/webp": (b) => String.fromCharCode(...b.subarray(0, 4)) === "RIFF" && String.fromCharCode(...b.subarray(8, 12)) === "WEBP",
};

function hashParam(value: string | undefined): string {
  if (!value || !/^[0-9a-f]{64}$/.test(value)) throw notFound();
  return value;
}

export function attachmentRoutes(db: Db) {
  return new Hono<AppEnv>()
    .put(
      "/:sha256",
      bodyLimit({
        maxSize: MAX_PHOTO_BYTES,
        onError: (c) => c.json(errorBody("payload_too_large", "A photo may be at most 10 MB"), 413),
      }),
      async (c) => {
        const sha256 = hashParam(c.req.param("sha256"));
        const contentType = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
        const matches = SIGNATURES[contentType];
        if (!matches) throw new ApiError(415, "unsupported_media_type", "Photos must be image/jpeg, image/png or image/webp");
        const bytes = new Uint8Array(await c.req.arrayBuffer());
        if (bytes.length === 0) throw new ApiError(400, "empty_body", "The photo has no bytes");
        if (!matches(bytes)) throw new ApiError(400, "not_an_image", `The bytes are not a ${contentType} image`);
        const actual = createHash("sha256").update(bytes).digest("hex");
        if (actual !== sha256) throw new ApiError(400, "hash_mismatch", "The SHA-256 of the bytes does not match the address");
        const orgId = c.get("orgId");
        const inserted = await db
          .insert(attachments)
          .values({
            orgId,
            sha256,
            contentType,
            size: bytes.length,
            bytes: Buffer.from(bytes),
            uploadedBy: c.get("session").user.id,
            createdAt: new Date().toISOString(),
          })
          .onConflictDoNothing();
        return c.json({ sha256, size: bytes.length, contentType }, inserted.rowsAffected > 0 ? 201 : 200);
      },
    )
    .get("/:sha256", async (c) => {
      const sha256 = hashParam(c.req.param("sha256"));
      const [photo] = await db
        .select({ bytes: attachments.bytes, contentType: attachments.contentType })
        .from(attachments)
        .where(and(eq(attachments.orgId, c.get("orgId")), eq(attachments.sha256, sha256)));
      if (!photo) throw notFound();
      // Content-addressed: the bytes at this address never change.
      c.header("Cache-Control", "private, max-age=31536000, immutable");
      c.header("Content-Type", photo.contentType);
      return c.body(new Uint8Array(photo.bytes));
    });
}
