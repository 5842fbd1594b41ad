/**
 * The keys winston and logform share through triple-beam. They are registered
 * symbols, so keel need not import triple-beam (a transitive dependency).
 */
export const LEVEL: unique symbol = Symbol.for('level');
export const MESSAGE: unique symbol = Symbol.for('message');

/** A record on its way through winston: level, message, meta keys, and the symbols above. */
export interface WinstonInfo {
  level: string;
  message: unknown;
  timestamp?: string;
  [LEVEL]?: string;
  [MESSAGE]?: string;
  [key: string]: unknown;
}
