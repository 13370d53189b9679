/** Configuration from the environment; every variable is listed in the README. */
export function readConfig(env: NodeJS.ProcessEnv = process.env) {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    databaseUrl: env.DATABASE_URL ?? "file:./data/chefsache.db",
    databaseAuthToken: env.DATABASE_AUTH_TOKEN || undefined,
    webRoot: env.WEB_ROOT ?? "./dist",
    proxyHops: proxyHopsOf(env),
    photoQuotaBytes: photoQuotaBytesOf(env),
  };
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
