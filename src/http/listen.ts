import type { Server } from 'node:net';

/**
 * Listens on host:port. A failure says which address, and a hint, in its first
 * line (the line a LifecycleHookError quotes); the system error is the cause.
 */
export function listen(server: Server, port: number, host: string, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(new Error(describeListenError(error, `${host}:${port}`, name), { cause: error }));
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function describeListenError(error: NodeJS.ErrnoException, address: string, name: string): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `${address} is already in use (EADDRINUSE); hint: stop the process that holds it, or give ${name} another port`;
    case 'EACCES':
      return `${address} needs privileges to listen on (EACCES); hint: use a port above 1023`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `${address} is not an address of this machine (${error.code}); hint: listen on 0.0.0.0 or 127.0.0.1`;
    default:
      return `cannot listen on ${address}: ${error.message}`;
  }
}

/**
 * Closes the listener; resolves once every connection has ended (never
 * rejects). node:http's close() also destroys every connection it deems idle,
 * including one accepted a moment ago whose first request is still on the
 * wire; the drain decides about those itself (ConnectionTracker.closeIdle), so
 * that step is skipped for an http.Server.
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    const own = Object.getOwnPropertyDescriptor(server, 'closeIdleConnections');
    if ('closeIdleConnections' in server)
      Object.defineProperty(server, 'closeIdleConnections', { value: () => undefined, configurable: true });
    try {
      server.close(() => resolve());
    } finally {
      if (own) Object.defineProperty(server, 'closeIdleConnections', own);
      else delete (server as { closeIdleConnections?: unknown }).closeIdleConnections;
    }
  });
}
