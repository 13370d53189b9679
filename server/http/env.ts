import type { LoginResponse } from "../../shared/schemas/auth";
import type { Role } from "../../shared/roles";
import type { Logger } from "../log";

/** What middleware puts on the context for the handlers after it. */
export interface AppEnv {
  Variables: {
    session: LoginResponse;
    orgId: string;
    /** Set instead of a session when a machine writes with an API key (server/auth/api-keys.ts). */
    apiKey: { id: string; createdBy: string };
    role: Role;
    /** Set by the request log for every request (server/http/request-log.ts). */
    log: Logger;
    requestId: string;
    /** Trusted reverse-proxy hops in front of the server (0: none; see server/http/client.ts). */
    proxyHops: number;
  };
}
