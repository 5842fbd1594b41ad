// Renders the README "Reliability" table from the latest run's figures (test/reliability/.results.json).
//   node test/reliability/render-table.mjs           prints the table
//   node test/reliability/render-table.mjs --write   replaces it in README.md, between the reliability markers
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const readme = join(here, '..', '..', 'README.md');
const BEGIN = '<!-- reliability:begin -->';
const END = '<!-- reliability:end -->';

const run = JSON.parse(readFileSync(join(here, '.results.json'), 'utf8'));
const cell = (text) => String(text).replaceAll('|', '\\|');
const rows = run.figures.map((f) => `| ${f.scenario} | ${cell(f.title)} | ${cell(f.figure)} |`);
const table = [
  `Latest run: ${run.date.slice(0, 10)}, Node ${run.node}, ${run.machine ?? 'this machine'}.`,
  '',
  '| # | scenario | measured |',
  '| --- | --- | --- |',
  ...rows,
].join('\n');

if (process.argv.includes('--write')) {
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${BEGIN} ... ${END} block`);
  writeFileSync(readme, `${text.slice(0, start + BEGIN.length)}\n${table}\n${text.slice(end)}`);
} else {
  console.log(table);
}
