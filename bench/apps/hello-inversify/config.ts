/** The same settings as samples/hello/config.ts, read from the environment by hand (no dotenv, no schema). */
export interface HelloConfig {
  HOST: string;
  PORT: number;
  GREETING: string;
  DB_CONNECT_DELAY: number;
}

export const CONFIG = Symbol('CONFIG');

export function readConfig(env: NodeJS.ProcessEnv = process.env): HelloConfig {
  return {
    HOST: env['HOST'] || '127.0.0.1',
    PORT: integer(env, 'PORT', 3000),
    GREETING: env['GREETING'] || 'Hello',
    DB_CONNECT_DELAY: integer(env, 'DB_CONNECT_DELAY', 50),
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number >= 0, got "${raw}".`);
  return value;
}
