import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
/** Where compile-fixtures puts the JavaScript of src/ and the fixtures (gitignored). */
export const BUILD_DIR = join(ROOT, 'test', 'reliability', '.build');
/** One JSON file per scenario with its measured figure; merged into .results.json after the run. */
export const RESULTS_DIR = join(ROOT, 'test', 'reliability', '.results');
export const RESULTS_FILE = join(ROOT, 'test', 'reliability', '.results.json');
