import { configSchema as s, type InferConfig } from 'keel';

/** What the periodic sample reads from the environment (or .env); short defaults so a smoke run sees every job fire. */
export const periodicConfig = {
  HOST: s.string().default('127.0.0.1'),
  PORT: s.integer().default(3001),
  SESSION_TTL: s.duration().default(1500),
  CLEANUP_INTERVAL: s.duration().default(1000),
};

export type PeriodicConfig = InferConfig<typeof periodicConfig>;
