// Preloaded into a CargoLint process (node --import) by the profile run: times every better-sqlite3 prepare and
// statement execution, grouped by SQL text, and writes the totals to $BENCH_SQL_TIMING_FILE when the process exits.
// A CPU profile shows that time goes into SQLite; this shows which statements it goes into. Plain JS: it is loaded
// before tsx is registered.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const out = process.env.BENCH_SQL_TIMING_FILE;
const require = createRequire(path.join(process.cwd(), 'package.json'));
const Database = require('better-sqlite3');
const totals = new Map(); // statement shape → totals
const bySql = new Map(); // exact SQL text → its shape's totals (the text repeats: no regex on the hot path)
const byStatement = new WeakMap(); // Statement → totals

// IN lists and VALUES rows vary in length: fold them so one statement shape is one row.
const shape = (sql) => sql.replace(/\s+/g, ' ').replace(/\(\?(, \?)*\)(, \(\?(, \?)*\))*/g, '(?…)').replace(/\?(, \?)+/g, '?…').trim();

function totalsFor(sql) {
  let t = bySql.get(sql);
  if (t) return t;
  const key = shape(sql);
  t = totals.get(key);
  if (!t) totals.set(key, (t = { sql: key, prepares: 0, prepareMs: 0, runs: 0, runMs: 0 }));
  if (bySql.size < 100_000) bySql.set(sql, t);
  return t;
}

const prepare = Database.prototype.prepare;
let patched = false;
Database.prototype.prepare = function timedPrepare(sql) {
  const t0 = process.hrtime.bigint();
  const stmt = prepare.call(this, sql);
  const ns = Number(process.hrtime.bigint() - t0);
  const t = totalsFor(sql);
  t.prepares++;
  t.prepareMs += ns / 1e6;
  byStatement.set(stmt, t);
  if (!patched) {
    patched = true;
    const proto = Object.getPrototypeOf(stmt);
    for (const method of ['run', 'all', 'get']) {
      const original = proto[method];
      proto[method] = function timed(...args) {
        const s0 = process.hrtime.bigint();
        try {
          return original.apply(this, args);
        } finally {
          const t = byStatement.get(this) ?? totalsFor(this.source);
          t.runs++;
          t.runMs += Number(process.hrtime.bigint() - s0) / 1e6;
        }
      };
    }
  }
  return stmt;
};

process.on('exit', () => {
  if (!out) return;
  const rows = [...totals.values()].map((t) => ({ ...t, totalMs: t.prepareMs + t.runMs })).sort((a, b) => b.totalMs - a.totalMs);
  writeFileSync(out, JSON.stringify(rows));
});
