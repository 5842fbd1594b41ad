/** The running Application itself. */
export const APPLICATION: unique symbol = Symbol.for('keel.APPLICATION');
/** The Logger every service and keel itself log through (winston by default). */
export const LOGGER: unique symbol = Symbol.for('keel.LOGGER');
/** The ThreadPool that runs functions in worker threads. */
export const THREAD_POOL: unique symbol = Symbol.for('keel.THREAD_POOL');
/** The SignalSource that tells the application to stop (process signals by default). */
export const SIGNALS: unique symbol = Symbol.for('keel.SIGNALS');
/** The validated application configuration. */
export const CONFIG: unique symbol = Symbol.for('keel.CONFIG');
