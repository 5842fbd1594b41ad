import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR } from './paths';

export interface Figure {
  /** The scenario number (1-14); a decimal for one part of a scenario (7.1). */
  scenario: number;
  /** What was checked, in a few words. */
  title: string;
  /** The measured figure, as it goes in the README table. */
  figure: string;
}

/**
 * Records a scenario's measured figure; call it after the scenario's assertions
 * passed, so a failed scenario leaves no figure. One file per scenario, since
 * jest runs the scenario files in parallel workers.
 */
export function recordFigure(figure: Figure): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${figure.scenario.toFixed(1).padStart(4, '0')}.json`), JSON.stringify(figure));
}
