import type { LoginResponse } from "../../shared/schemas/auth";
import type { Role } from "../../shared/roles";

/** What middleware puts on the context for the handlers after it. */
export interface AppEnv {
  Variables: {
    session: LoginResponse;
    orgId: string;
    role: Role;
  };
}
