import { configSchema as s, type InferConfig } from 'keel';

/** Everything the hello app reads from the environment (or .env), validated before anything starts. */
export const helloConfig = {
  HOST: s.string().default('127.0.0.1'),
  PORT: s.integer().default(3000),
  GREETING: s.string().default('Hello'),
  DB_CONNECT_DELAY: s.duration().default(50),
};

export type HelloConfig = InferConfig<typeof helloConfig>;
