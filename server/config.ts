export const DEFAULT_DATABASE_URL = "file:./data/chefsache.db";

/** Configuration from the environment; every variable is listed in the README. */
export function readConfig(env: NodeJS.ProcessEnv = process.env) {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL,
    databaseAuthToken: env.DATABASE_AUTH_TOKEN || undefined,
    webRoot: env.WEB_ROOT ?? "./dist",
    proxyHops: proxyHopsOf(env),
    photoQuotaBytes: photoQuotaBytesOf(env),
    backups: backupScheduleOf(env),
  };
}

export type Config = ReturnType<typeof readConfig>;

export const DEFAULT_BACKUP_EVERY = "1d";
export const DEFAULT_BACKUP_KEEP = 7;

export interface BackupSchedule {
  dir: string;
  everyMs: number;
  keep: number;
}

/** Scheduled backups are on when BACKUP_DIR is set: every BACKUP_EVERY (default 1d), keeping the last BACKUP_KEEP (default 7). */
function backupScheduleOf(env: NodeJS.ProcessEnv): BackupSchedule | undefined {
  if (!env.BACKUP_DIR) {
    if (env.BACKUP_EVERY || env.BACKUP_KEEP) throw new Error("BACKUP_EVERY and BACKUP_KEEP need BACKUP_DIR, the folder to write backups to");
    return undefined;
  }
  const keep = Number(env.BACKUP_KEEP || DEFAULT_BACKUP_KEEP);
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`BACKUP_KEEP must be a whole number of at least 1, got "${env.BACKUP_KEEP}"`);
  return { dir: env.BACKUP_DIR, everyMs: parseInterval(env.BACKUP_EVERY || DEFAULT_BACKUP_EVERY, "BACKUP_EVERY"), keep };
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "30m", "6h", "1d" in milliseconds; anything else, or zero, is an error naming `variable`. */
export function parseInterval(text: string, variable: string): number {
  const match = /^\s*(\d+)\s*([mhd])\s*$/.exec(text);
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : 0;
  if (!ms) throw new Error(`${variable} must be a number of minutes, hours or days such as "30m", "6h" or "1d", got "${text}"`);
  return ms;
}

/** PHOTO_QUOTA_MB: what one organisation's photos may take up together. */
export const DEFAULT_PHOTO_QUOTA_MB = 5000;

function photoQuotaBytesOf(env: NodeJS.ProcessEnv): number {
  const raw = env.PHOTO_QUOTA_MB?.trim() || String(DEFAULT_PHOTO_QUOTA_MB);
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 1) throw new Error(`PHOTO_QUOTA_MB must be a whole number of megabytes (at least 1), got "${env.PHOTO_QUOTA_MB}"`);
  return mb * 1024 * 1024;
}

/** TRUST_PROXY=1: a reverse proxy is the only way in; TRUST_PROXY_HOPS: how many proxies append to X-Forwarded-For (default 1). */
function proxyHopsOf(env: NodeJS.ProcessEnv): number {
  if (env.TRUST_PROXY !== "1" && env.TRUST_PROXY !== "true") return 0;
  const hops = Number(env.TRUST_PROXY_HOPS ?? 1);
  if (!Number.isInteger(hops) || hops < 1 || hops > 10) throw new Error(`TRUST_PROXY_HOPS must be a whole number from 1 to 10, got "${env.TRUST_PROXY_HOPS}"`);
  return hops;
}
