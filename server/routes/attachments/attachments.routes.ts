import { createHash } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, sql } from "drizzle-orm";
import { bodyLimit } from "hono/body-limit";
import { PHOTO_QUOTA_EXCEEDED, PHOTO_QUOTA_HEADER } from "../../../shared/limits";
import type { Db } from "../../db/client";
import { attachments } from "../../db/schema";
import { ApiError, errorBody, notFound } from "../../http/errors";
import { apiRouter, ErrorBody, errors, json, ORG_ERRORS } from "../../http/openapi";

export const MB = 1024 * 1024;
export const MAX_PHOTO_BYTES = 10 * MB;

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
    ...errors(...ORG_ERRORS, 415),
    413: {
      description: `A photo over 10 MB (\`payload_too_large\`), or the organisation's photo storage is full (\`photo_quota_exceeded\`, the quota in ${PHOTO_QUOTA_HEADER})`,
      headers: { [PHOTO_QUOTA_HEADER]: { description: "The organisation's photo quota in MB (with `photo_quota_exceeded`)", schema: { type: "integer" } } },
      content: { "application/json": { schema: ErrorBody } },
    },
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

export interface PhotoLimits {
  /** The bytes an organisation's photos may take up together. */
  quotaBytes: number;
}

export function attachmentRoutes(db: Db, { quotaBytes }: PhotoLimits) {
  const quotaMb = Math.floor(quotaBytes / MB);
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
      const orgId = c.get("orgId");
      const stored = { sha256, size: bytes.length, contentType };
      // Check and insert in one write transaction (BEGIN IMMEDIATE), so uploads at the same time
      // cannot each see room for themselves and together overshoot the quota.
      const created = await db.transaction(
        async (tx) => {
          const here = and(eq(attachments.orgId, orgId), eq(attachments.sha256, sha256));
          const [existing] = await tx.select({ unnamedSince: attachments.unnamedSince }).from(attachments).where(here);
          if (existing) {
            // Stored already, so it takes no more room. A device sending it again is about to name it:
            // the clean-up's 30 days start again (see server/ops/photo-cleanup.ts).
            if (existing.unnamedSince !== null) await tx.update(attachments).set({ unnamedSince: null }).where(here);
            return false;
          }
          const [usage] = await tx
            .select({ bytes: sql<number>`coalesce(sum(${attachments.size}), 0)` })
            .from(attachments)
            .where(eq(attachments.orgId, orgId));
          if (Number(usage?.bytes ?? 0) + bytes.length > quotaBytes) {
            c.header(PHOTO_QUOTA_HEADER, String(quotaMb));
            throw new ApiError(
              413,
              PHOTO_QUOTA_EXCEEDED,
              `Photo storage for this organisation is full (${quotaMb.toLocaleString("en")} MB). An admin can free space (by purging archived findings with photos) or raise the quota (PHOTO_QUOTA_MB).`,
            );
          }
          await tx.insert(attachments).values({
            orgId,
            sha256,
            contentType,
            size: bytes.length,
            bytes: Buffer.from(bytes),
            uploadedBy: c.get("session").user.id,
            createdAt: new Date().toISOString(),
          });
          return true;
        },
        { behavior: "immediate" },
      );
      return created ? c.json(stored, 201) : c.json(stored, 200);
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
