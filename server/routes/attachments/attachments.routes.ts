import { createHash } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { bodyLimit } from "hono/body-limit";
import type { Db } from "../../db/client";
import { attachments } from "../../db/schema";
import { ApiError, errorBody, notFound } from "../../http/errors";
import { apiRouter, errors, json, ORG_ERRORS } from "../../http/openapi";

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** The first bytes each accepted image type must start with, so a label cannot lie. */
const SIGNATURES: Record<string, (bytes: Uint8Array) => boolean> = {
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "image/png": (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v),
  "image/webp": (b) => String.fromCharCode(...b.subarray(0, 4)) === "RIFF" && String.fromCharCode(...b.subarray(8, 12)) === "WEBP",
};

/** Photo bytes in the document: the handler reads them itself (no JSON, no zod). */
const BYTES = { schema: { type: "string", format: "binary" } } as const;
const PHOTO_CONTENT = { "image/jpeg": BYTES, "image/png": BYTES, "image/webp": BYTES };

const Address = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/).describe("The SHA-256 of the bytes, lower-case hex") });
const Stored = z.object({ sha256: z.string(), size: z.number().int(), contentType: z.string() }).meta({ id: "Attachment" });

const upload = createRoute({
  method: "put",
  path: "/{sha256}",
  tags: ["Photos"],
  summary: "Store a photo at the address of its SHA-256 (at most 10 MB)",
  // The photo limit replaces the API's 1 MB one for this route (see limitBody in app.ts).
  middleware: [bodyLimit({ maxSize: MAX_PHOTO_BYTES, onError: (c) => c.json(errorBody("payload_too_large", "A photo may be at most 10 MB"), 413) })] as const,
  request: { params: Address, body: { required: true, content: PHOTO_CONTENT } },
  responses: {
    201: json(Stored, "Stored"),
    200: json(Stored, "Stored already"),
    ...errors(...ORG_ERRORS, 413, 415),
  },
});

const download = createRoute({
  method: "get",
  path: "/{sha256}",
  tags: ["Photos"],
  summary: "A photo's bytes (cached for good: the bytes at an address never change)",
  request: { params: Address },
  responses: { 200: { description: "The photo", content: PHOTO_CONTENT }, ...errors(...ORG_ERRORS) },
});

export function attachmentRoutes(db: Db) {
  return apiRouter()
    .openapi(upload, async (c) => {
      const { sha256 } = c.req.valid("param");
      const contentType = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
      const matches = SIGNATURES[contentType];
      if (!matches) throw new ApiError(415, "unsupported_media_type", "Photos must be image/jpeg, image/png or image/webp");
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0) throw new ApiError(400, "empty_body", "The photo has no bytes");
      if (!matches(bytes)) throw new ApiError(400, "not_an_image", `The bytes are not a ${contentType} image`);
      const actual = createHash("sha256").update(bytes).digest("hex");
      if (actual !== sha256) throw new ApiError(400, "hash_mismatch", "The SHA-256 of the bytes does not match the address");
      const inserted = await db
        .insert(attachments)
        .values({
          orgId: c.get("orgId"),
          sha256,
          contentType,
          size: bytes.length,
          bytes: Buffer.from(bytes),
          uploadedBy: c.get("session").user.id,
          createdAt: new Date().toISOString(),
        })
        .onConflictDoNothing();
      const stored = { sha256, size: bytes.length, contentType };
      return inserted.rowsAffected > 0 ? c.json(stored, 201) : c.json(stored, 200);
    })
    .openapi(download, async (c) => {
      const { sha256 } = c.req.valid("param");
      const [photo] = await db
        .select({ bytes: attachments.bytes, contentType: attachments.contentType })
        .from(attachments)
        .where(and(eq(attachments.orgId, c.get("orgId")), eq(attachments.sha256, sha256)));
      if (!photo) throw notFound();
      // Content-addressed: the bytes at this address never change.
      c.header("Cache-Control", "private, max-age=31536000, immutable");
      c.header("Content-Type", photo.contentType);
      return c.body(new Uint8Array(photo.bytes), 200);
    });
}
