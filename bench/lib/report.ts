/** The human table and its targets; the figures themselves come from the scenarios. */

export interface Row {
  section: string;
  figure: string;
  value: string;
  target?: string;
  /** true pass, false fail, null when the figure it compares with was not measured, undefined when there is no target. */
  pass?: boolean | null;
}

export function verdict(pass: boolean | null | undefined): string {
  if (pass === undefined) return '';
  if (pass === null) return 'n/a';
  return pass ? 'PASS' : 'FAIL';
}

export function formatTable(rows: Row[]): string {
  const cells = rows.map((r) => [r.section, r.figure, r.value, r.target ?? '', verdict(r.pass)]);
  const header = ['scenario', 'figure', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i === 2 ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '─'.repeat(w)).join('  ')];
  let last = '';
  for (const c of cells) {
    out.push(line([c[0] === last ? '' : c[0], ...c.slice(1)]));
    last = c[0];
  }
  return out.join('\n');
}

export const fmt = {
  int: (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '—' : Math.round(v).toLocaleString('en-US')),
  ms: (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '—' : `${v.toFixed(1)} ms`),
  ratio: (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '—' : `${v.toFixed(2)} ×`),
};

/** `value >= factor × reference`, or null when the reference was not measured in this run. */
export function atLeast(value: number | null | undefined, factor: number, reference: number | null | undefined): boolean | null {
  if (value === null || value === undefined || !reference) return null;
  return value >= factor * reference;
}
