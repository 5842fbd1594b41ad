/**
 * Compiler options forced on ts-node in worker threads, whatever tsconfig it finds
 * (or none): worker modules are loaded with require(), so they must compile to
 * CommonJS, and ts-node 10's own defaults fail option validation on TypeScript 6.
 * node16 is valid from TypeScript 4.7 on and emits CommonJS outside "type": "module".
 */
export const WORKER_TS_COMPILER_OPTIONS = { module: 'node16', moduleResolution: 'node16' } as const;
