import { FRAMEWORKS, type AdapterName } from './frameworks/framework-adapter';
import type { ReportRow, Workload, WorkloadReport } from './workloads/workload';

const TITLES: Record<AdapterName, string> = {
  keel: 'keel',
  effect: 'Effect',
  nest: 'NestJS',
  inversify: 'inversify',
  'inversify-dag': 'inversify-dag',
};

/**
 * One Markdown table for every workload, then each workload's notes. A column
 * appears when some row has a value in it, so a run of keel and inversify alone
 * prints no empty Effect or NestJS columns; a ratio column when some row has that ratio.
 */
export function renderMarkdown(reports: readonly { workload: Workload; report: WorkloadReport }[]): string {
  const rows = reports.flatMap(({ workload, report }) => report.rows.map((row) => ({ id: workload.id, row })));
  const columns = FRAMEWORKS.filter((column) => rows.some(({ row }) => row.values[shownIn(row, column)] !== undefined));
  const ratioColumns = columns.filter((column) => rows.some(({ row }) => row.ratios?.[column] !== undefined));
  const lines = [
    `| workload | case | metric | ${[...columns.map((c) => TITLES[c]), ...ratioColumns.map((c) => `${TITLES[c]} ratio`)].join(' | ')} | ratio vs | keel target | |`,
    `| --- | --- | --- | ${[...columns, ...ratioColumns].map(() => '---:').join(' | ')} | --- | --- | --- |`,
  ];
  for (const { id, row } of rows) lines.push(renderRow(id, row, columns, ratioColumns));
  lines.push('');
  for (const { workload, report } of reports) {
    if (report.notes.length === 0) continue;
    lines.push(`**${workload.id}** ${workload.title}`, '');
    for (const note of report.notes) lines.push(`- ${note}`);
    lines.push('');
  }
  lines.push('Values: median (min-max) over fresh processes. Ratios divide medians.');
  return lines.join('\n');
}

/** The framework or peer whose value a column shows in this row. */
function shownIn(row: ReportRow, column: AdapterName) {
  return column === 'keel' ? column : (row.columns?.[column] ?? column);
}

function renderRow(id: string, row: ReportRow, columns: readonly AdapterName[], ratioColumns: readonly AdapterName[]): string {
  const cell = (column: AdapterName) => {
    const shown = shownIn(row, column);
    const stats = row.values[shown];
    if (!stats) return '-';
    const text = `${row.format(stats.median)} (${row.format(stats.min)}-${row.format(stats.max)})`;
    // A peer standing in a framework's column says so in its cell.
    return shown === column ? text : `${shown}: ${text}`;
  };
  const ratio = (value: number | undefined) => (value === undefined ? '-' : `${value.toFixed(2)}x`);
  const mark = row.target?.pass === undefined ? '' : row.target.pass ? 'pass' : '**MISS**';
  return `| ${[
    id,
    row.case,
    row.metric,
    ...columns.map(cell),
    ...ratioColumns.map((column) => ratio(row.ratios?.[column])),
    row.base ?? '',
    row.target?.text ?? '',
    mark,
  ].join(' | ')} |`;
}
