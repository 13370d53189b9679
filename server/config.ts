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
    trustProxy: env.TRUST_PROXY === "1" || env.TRUST_PROXY === "true",
  };
}
