/**
 * Driver errors that mean "the database cannot be reached right now" rather than "this request is wrong": the
 * connection was refused, reset or lost, timed out, or the server is shutting down or out of connections. They
 * are answered 503 with Retry-After (the pool reconnects by itself once the database is back), never 500.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_SERVER_GONE_ERROR',
  'CR_SERVER_LOST',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown }; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const code = e.driverError?.code ?? e.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  // mysql2 reports a closed connection by message only ("Can't add new command when connection is in closed state").
  return typeof e.message === 'string' && /connection is in closed state|Connection lost: The server closed the connection/i.test(e.message);
}
