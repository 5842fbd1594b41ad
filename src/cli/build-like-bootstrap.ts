import type { Application } from '../application';
import { loadEnv } from '../config/load-env';
import { buildApplication } from '../create-application';
import { resolveSettings } from '../entrypoint/resolve-settings';
import type { ModuleClass } from '../module/module-decorator';

/** What bootstrap() would have made of the app, or the error it would have failed with. */
export type BuildOutcome = { ok: true; app: Application } | { ok: false; error: unknown };

/**
 * The first half of bootstrap(): resolve settings (options none, so KEEL_* and
 * defaults), load the env file, build (every singleton constructed, so config is
 * validated). Stops before attaching signals or starting anything: no hook runs.
 * Kept in step with bootstrap's launch() by hand; the CLI tests pin the shared behaviour.
 */
export async function buildLikeBootstrap(root: ModuleClass): Promise<BuildOutcome> {
  try {
    const settings = resolveSettings({});
    loadEnv({ path: settings.envFile });
    return { ok: true, app: await buildApplication(root, {}, settings) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The error exactly as bootstrap writes it to stderr when the build fails. */
export function describeBuildFailure(error: unknown): string {
  return `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`;
}
