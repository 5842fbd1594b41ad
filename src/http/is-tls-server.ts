import type { Server } from 'node:net';

/**
 * Whether a server is a tls.Server (https.Server is one), told by the method
 * tls.Server adds: keel never loads node:tls or node:https (and with them
 * crypto, ~28 of node's own modules and several ms of a cold start) to ask this
 * of the plain HTTP servers most apps run. An https server was made by the app,
 * which loaded those modules itself.
 */
export function isTlsServer(server: Server): boolean {
  return typeof (server as Partial<{ setSecureContext: unknown }>).setSecureContext === 'function';
}
