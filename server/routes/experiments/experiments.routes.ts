import { Hono } from "hono";
import { transitionRequest } from "../../../shared/schemas/experiment";
import type { Db } from "../../db/client";
import type { AppEnv } from "../../http/env";
import { readBody, uuidParam } from "../../http/validate";
import { EXPERIMENT, moveLog, moveRecord } from "../../lifecycle/move";

/**
 * The lifecycle of experiments. Everything else about an experiment travels through sync;
 * its status does not, because each move is a decision someone answers for. Every member
 * may ask for a move: the lifecycle (shared/experiments/lifecycle.ts) decides per move and
 * role, and a refusal is a 409 saying why.
 */
export function experimentRoutes(db: Db) {
  return new Hono<AppEnv>()
    .post("/:id/transitions", async (c) => {
      const id = uuidParam(c, "id");
      const request = await readBody(c, transitionRequest);
      const { user } = c.get("session");
      const result = await moveRecord(db, EXPERIMENT, { orgId: c.get("orgId"), userId: user.id, userName: user.name, role: c.get("role") }, id, request);
      return c.json(result);
    })
    .get("/:id/decisions", async (c) => {
      const id = uuidParam(c, "id");
      return c.json({ decisions: await moveLog(db, EXPERIMENT, c.get("orgId"), id) });
    });
}
