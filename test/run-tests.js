// `npm test`: builds the web UI the browser tests use, then runs the whole suite once; database tests run per dialect.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!process.env.CARGOLINT_TEST_DATABASE_URL) {
  console.log('\n⚠  PostgreSQL SKIPPED: CARGOLINT_TEST_DATABASE_URL is not set, so database tests run on SQLite only.');
  console.log('   Example: CARGOLINT_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/cargolint_test npm test\n');
} else {
  console.log(`\nDatabase tests run on SQLite and on PostgreSQL (${process.env.CARGOLINT_TEST_DATABASE_URL.replace(/\/\/[^@]*@/, '//…@')}).\n`);
}
run('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
run('npx', ['vitest', 'run', ...process.argv.slice(2)]);
if (!process.env.CARGOLINT_TEST_DATABASE_URL) console.log('\n⚠  PostgreSQL was SKIPPED (set CARGOLINT_TEST_DATABASE_URL to include it).');
