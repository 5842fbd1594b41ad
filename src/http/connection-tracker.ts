import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server, Socket } from 'node:net';
import type { Clock } from '../lifecycle/clock';
import { isTlsServer } from './is-tls-server';

/**
 * How long a socket that connected but has not sent a request yet may still
 * send one once the listener has closed. Its request is usually on the wire
 * (a client reconnecting after `Connection: close`); destroying it would reset it.
 */
export const FRESH_SOCKET_GRACE_MS = 1000;

interface SocketState {
  responses: Set<ServerResponse>;
  served: number;
}

/**
 * Knows every open socket of a server and the responses in flight on each, so
 * that a drain can close idle keep-alive sockets at once, close busy ones as
 * soon as their last response is out, and count what it had to cut.
 */
export class ConnectionTracker {
  private readonly sockets = new Map<Socket, SocketState>();
  private closing = false;

  constructor(server: Server) {
    // An https server's requests arrive on the TLS socket, not on the raw one 'connection' gives.
    server.on(isTlsServer(server) ? 'secureConnection' : 'connection', (socket: Socket) => this.add(socket));
  }

  /** Counts a request as in flight on its socket until its response closes. */
  track(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket;
    const state = this.sockets.get(socket) ?? this.add(socket);
    const { responses } = state;
    responses.add(res);
    res.once('close', () => {
      responses.delete(res);
      state.served += 1;
      // Once closing, a socket is not kept alive past its last response.
      if (this.closing && responses.size === 0) socket.destroySoon();
    });
  }

  /** Responses not yet sent, across every socket. */
  inFlight(): number {
    let count = 0;
    for (const { responses } of this.sockets.values()) count += responses.size;
    return count;
  }

  /** Sets a header on every response in flight whose headers have not gone out yet. */
  setHeaderOnPending(name: string, value: string): void {
    for (const { responses } of this.sockets.values()) {
      for (const res of responses) if (!res.headersSent) res.setHeader(name, value);
    }
  }

  /**
   * From now on: idle keep-alive sockets close at once, busy ones after their
   * last response; a socket that has not sent its first request yet gets
   * `graceMs` to send it (then it is served, with Connection: close).
   */
  closeIdle(clock: Clock, graceMs = FRESH_SOCKET_GRACE_MS): void {
    this.closing = true;
    for (const [socket, { responses, served }] of this.sockets) {
      if (responses.size > 0) continue;
      if (served > 0) {
        socket.destroy();
        continue;
      }
      const timer = clock.setTimeout(() => {
        if (this.sockets.get(socket)?.responses.size === 0) socket.destroy();
      }, graceMs);
      socket.once('close', () => clock.clearTimeout(timer));
    }
  }

  /** Destroys every socket still open; returns how many responses were cut. */
  destroyAll(): number {
    const cut = this.inFlight();
    for (const socket of this.sockets.keys()) socket.destroy();
    return cut;
  }

  private add(socket: Socket): SocketState {
    const state: SocketState = { responses: new Set(), served: 0 };
    this.sockets.set(socket, state);
    socket.once('close', () => this.sockets.delete(socket));
    return state;
  }
}
