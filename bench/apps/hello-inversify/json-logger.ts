/** The JSON lines keel's json format prints, written straight to stdout: no winston, no buffering. */
export interface JsonLogger {
  info(message: string, meta?: Record<string, unknown>): void;
}

export const LOGGER = Symbol('LOGGER');

export function createJsonLogger(service: string): JsonLogger {
  return {
    info(message, meta) {
      process.stdout.write(`${JSON.stringify({ timestamp: new Date().toISOString(), level: 'info', message, service, ...meta })}\n`);
    },
  };
}
