export type Cell = string | number;

export interface Table {
  title: string;
  columns: string[];
  rows: Cell[][];
}

export interface Goal {
  name: string;
  /** What the issue asks, e.g. "≤ 1.30 × floor". */
  target: string;
  /** What this run measured, e.g. "1.12 × floor". */
  measured: string;
  met: boolean;
}

/** What one benchmark file hands back to bench/run.ts. */
export interface BenchReport {
  title: string;
  tables: Table[];
  goals: Goal[];
  notes: string[];
  seconds: number;
}

export function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

export function ratio(value: number, baseline: number): string {
  return `${fixed(value / baseline)} ×`;
}

export function tableMarkdown(table: Table): string {
  const header = `| ${table.columns.join(' | ')} |`;
  const rule = `| ${table.columns.map(() => '---').join(' | ')} |`;
  const rows = table.rows.map((row) => `| ${row.map(String).join(' | ')} |`);
  return [`#### ${table.title}`, '', header, rule, ...rows, ''].join('\n');
}

export function goalsMarkdown(goals: Goal[]): string {
  const rows = goals.map((g) => `| ${g.met ? 'met' : '**MISSED**'} | ${g.name} | ${g.target} | ${g.measured} |`);
  return ['#### Goals', '', '| verdict | goal | target | measured |', '| --- | --- | --- | --- |', ...rows, ''].join(
    '\n',
  );
}

export function reportMarkdown(report: BenchReport): string {
  const notes = report.notes.length > 0 ? ['#### Notes', '', ...report.notes.map((n) => `- ${n}`), ''] : [];
  return [
    `## ${report.title}`,
    '',
    `Took ${fixed(report.seconds, 0)} s.`,
    '',
    goalsMarkdown(report.goals),
    ...report.tables.map(tableMarkdown),
    ...notes,
  ].join('\n');
}

/** Plain-text table for the terminal: columns padded to their widest cell. */
export function tableText(table: Table): string {
  const cells = [table.columns, ...table.rows.map((row) => row.map(String))];
  const widths = table.columns.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]): string =>
    row
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  return [table.title, ...cells.map(line), ''].join('\n');
}

export function print(text: string): void {
  process.stdout.write(`${text}\n`);
}
