import type { Application } from '../application';
import type { LifecycleListener } from '../lifecycle/lifecycle-events';
import type { Logger } from '../logging/logger';
import { renderStartReport } from './render-start-report';
import type { TimelineSetting } from './resolve-timeline';
import { LOGGER } from './tokens';

/**
 * What a recorded timeline feeds (the app already records, see recordTimeline()):
 * at debug level the start report, and with a path the HTML, timings and trace
 * files written once the app has stopped. Nothing when the timeline is off.
 */
export function attachTimelineOutputs(app: Application, setting: TimelineSetting, options: { debug: boolean; app: string }): void {
  if (!setting.record) return;
  const logger = () => app.get<Logger>(LOGGER);
  if (options.debug)
    app.onEvent(
      renderStartReport(() => app.timeline(), logger),
      { hooks: false },
    );
  if (setting.path !== undefined) app.onEvent(writeOnStop(app, setting.path, options.app, logger), { hooks: false });
}

function writeOnStop(app: Application, path: string, name: string, logger: () => Logger): LifecycleListener {
  return (event) => {
    if (event.type !== 'app:stopped') return;
    let log: Logger | undefined;
    try {
      log = logger().child({ component: 'keel' });
    } catch {
      // No LOGGER bound: the files are still written; a failure goes to stderr below.
    }
    try {
      // The renderers load only here, in the one run that writes a timeline.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { writeTimelineFiles } = require('../cli/write-timeline') as typeof import('../cli/write-timeline');
      const files = writeTimelineFiles(app.timeline(), path, { app: name });
      log?.info(`timeline written to ${files.html}`, { timeline: files });
    } catch (error) {
      const line = `could not write the timeline to ${path}: ${error instanceof Error ? error.message : String(error)}`;
      if (log) log.warn(line);
      else process.stderr.write(`${line}\n`);
    }
  };
}
