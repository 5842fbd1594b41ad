import type { AdapterName } from './frameworks/framework-adapter';
import type { ReportRow, Workload, WorkloadReport } from './workloads/workload';

const COLUMNS: readonly AdapterName[] = ['keel', 'nest', 'inversify'];

/** One Markdown table for every workload, then each workload's notes. */
export function renderMarkdown(reports: readonly { workload: Workload; report: WorkloadReport }[]): string {
  const lines = [
    '| workload | case | metric | keel | NestJS | inversify | keel ratio | nest ratio | ratio vs | keel target | |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |',
  ];
  for (const { workload, report } of reports) {
    for (const row of report.rows) lines.push(renderRow(workload.id, row));
  }
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

function renderRow(id: string, row: ReportRow): string {
  const cell = (column: AdapterName) => {
    const shown = column === 'keel' ? column : (row.columns?.[column] ?? column);
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
    ...COLUMNS.map(cell),
    ratio(row.ratios?.keel),
    ratio(row.ratios?.nest),
    row.base ?? '',
    row.target?.text ?? '',
    mark,
  ].join(' | ')} |`;
}
