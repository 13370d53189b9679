import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };

/**
 * The security events logged on their own line (beside the request line), so an operator can
 * alert on them: who failed to log in, who was refused, who changed whose role.
 */
export type SecurityEvent =
  | "login_failed"
  | "login_succeeded"
  | "rate_limited"
  | "forbidden"
  | "role_changed"
  | "member_removed"
  | "invite_created"
  | "invite_revoked"
  | "invite_accepted"
  | "password_changed"
  | "password_reset_created"
  | "password_reset_used"
  | "sessions_ended"
  | "setup_refused"
  | "setup_done"
  | "archive_restored"
  | "archive_purged"
  | "backup_written"
  | "backup_failed"
  | "database_restored"
  | "photos_removed"
  | "api_key_created"
  | "api_key_revoked"
  | "api_key_refused";

/**
 * Written in 4 KB blocks rather than a system call per line: a line per request otherwise costs
 * a quarter of the server's throughput. What is still in the buffer is written on exit (pino
 * flushes it; main.ts waits for that before a fatal exit); a crash of the machine itself may
 * lose the last few lines.
 */
export const bufferedDestination = (dest: string | number) => pino.destination({ dest, sync: false, minLength: 4096 });

/**
 * One JSON line per event on stdout (pino: fast, and the format log collectors read). The level
 * comes from LOG_LEVEL (default "info"); tests pass their own destination or "silent".
 */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? "info";
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? bufferedDestination(1),
  );
}

/** Writes out what the logger still holds (before the process exits). */
export const flushLog = (log: Logger) => new Promise<void>((resolve) => log.flush(() => resolve()));

/** A security event: its own line, with `event` naming it, at `warn` for refusals and `info` otherwise. */
export function securityEvent(log: Logger, event: SecurityEvent, fields: Record<string, unknown> = {}) {
  const refusal = event === "login_failed" || event === "rate_limited" || event === "forbidden" || event === "setup_refused" || event === "backup_failed" || event === "api_key_refused";
  log[refusal ? "warn" : "info"]({ event, ...fields }, event.replaceAll("_", " "));
}
