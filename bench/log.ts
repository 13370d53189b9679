import { bufferedDestination, createLogger } from "../server/log";

/**
 * The server's logger at its default level and buffering, writing to /dev/null: every request
 * still costs its log line, as in production, without flooding the bench's own output.
 */
export const benchLog = () => createLogger({ level: "info", destination: bufferedDestination("/dev/null") });
