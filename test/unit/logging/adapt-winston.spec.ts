import winston from 'winston';
import type WinstonTransport from 'winston-transport';
import { adaptWinston } from '../../../src/logging/adapt-winston';

// winston's typings omit the runtime export `Transport`.
const TransportStream = (winston as unknown as { Transport: typeof WinstonTransport }).Transport;
const MESSAGE = Symbol.for('message');

/** A transport that acknowledges each record on a later turn, like a slow network sink. */
function slowTransport() {
  const lines: string[] = [];
  const events: string[] = [];
  const transport = new TransportStream({
    log(info: Record<string | symbol, unknown>, next: () => void) {
      setImmediate(() => {
        lines.push(String(info[MESSAGE]));
        next();
      });
    },
  });
  transport.on('finish', () => events.push(`finish after ${lines.length}`));
  return { transport, lines, events };
}

function appLogger(transport: WinstonTransport, options: winston.LoggerOptions = {}) {
  return winston.createLogger({
    level: 'info',
    format: winston.format.printf(({ level, message, ...meta }) => `${level}|${String(message)}|${JSON.stringify(meta)}`),
    transports: [transport],
    ...options,
  });
}

describe('adaptWinston', () => {
  it("logs through the app's winston logger with its own format, defaultMeta and child meta", async () => {
    const { transport, lines } = slowTransport();
    const log = adaptWinston(appLogger(transport, { defaultMeta: { app: 'shop' } }));
    log.info('hello', { requestId: 7 });
    log.child({ component: 'db' }).warn('slow query', { ms: 900 });
    await log.close();
    expect(lines).toEqual(['info|hello|{"requestId":7,"app":"shop"}', 'warn|slow query|{"component":"db","ms":900,"app":"shop"}']);
  });

  it("leaves level filtering to the app's logger", async () => {
    const { transport, lines } = slowTransport();
    const log = adaptWinston(appLogger(transport, { level: 'warn' }));
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    await log.close();
    expect(lines).toEqual(['warn|w|{}', 'error|e|{}']);
  });

  it('close ends the logger and resolves after every transport finished, with every record handed over', async () => {
    const first = slowTransport();
    const second = slowTransport();
    const logger = appLogger(first.transport);
    logger.add(second.transport);
    let loggerFinished = false;
    logger.on('finish', () => (loggerFinished = true));
    const log = adaptWinston(logger);
    for (let i = 0; i < 200; i += 1) log.info(`line ${i}`);
    await log.close();
    expect(loggerFinished).toBe(true);
    expect(first.events).toHaveLength(1);
    expect(second.events).toHaveLength(1);
    // winston-transport acknowledges batched writes (_writev) before the transport's own log()
    // callbacks run, so 'finish' may come a few records early: an app transport that is
    // asynchronous completes those on its next turns. None is dropped.
    for (let turn = 0; turn < 10 && (first.lines.length < 200 || second.lines.length < 200); turn++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect([first.lines.length, second.lines.length]).toEqual([200, 200]);
  });

  it('is idempotent and drops later records without a write-after-end error', async () => {
    const { transport, lines } = slowTransport();
    const logger = appLogger(transport);
    const errors: unknown[] = [];
    logger.on('error', (error) => errors.push(error));
    const log = adaptWinston(logger);
    log.info('before');
    await Promise.all([log.close(), log.close()]);
    log.info('after');
    log.child({ a: 1 }).error('after');
    await log.close();
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(lines).toEqual(['info|before|{}']);
    expect(errors).toEqual([]);
  });

  it('adapts a winston child logger (e.g. winston.child({}) for the default logger)', async () => {
    const { transport, lines, events } = slowTransport();
    const log = adaptWinston(appLogger(transport).child({ scope: 'child' }));
    log.info('through child');
    await log.close();
    expect(lines).toEqual(['info|through child|{"scope":"child"}']);
    expect(events).toEqual(['finish after 1']);
  });
});
