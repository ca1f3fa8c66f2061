import { parseArgs } from 'node:util';
import { assertPlan, createApiKey, createOrganization, setPlan } from './accounts/accounts.service.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createContext } from './context.js';
import { openDatabase } from './db/database.js';
import { UnmigratedSchemaError, migrateToLatest } from './db/migrate.js';
import { AppError } from './errors.js';
import { startServer, startWorkers } from './server.js';

const USAGE = `Usage: cargolint <command>

  serve [--port N] [--no-workers]       API + web UI (+ background workers)
  worker                                background workers only (delivery, document processing)
  migrate                               apply database migrations
  orgs create --name NAME --plan PLAN [--email E --password P]
  orgs set-plan ORG_ID PLAN
  lint FILE... [--format text|json]     check local files; exit 1 on any error finding

Configuration comes from the environment; see README.md.`;

function onShutdown(stop: () => Promise<void>) {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal} received: finishing in-flight work…\n`);
    stop().then(() => process.exit(0), (err) => { process.stderr.write(`shutdown failed: ${err}\n`); process.exit(1); });
  };
  process.on('SIGTERM', () => handler('SIGTERM'));
  process.on('SIGINT', () => handler('SIGINT'));
}

async function serve(config: Config, args: string[]) {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, 'no-workers': { type: 'boolean' }, host: { type: 'string' } } });
  const ctx = await createContext(config);
  const port = values.port !== undefined ? Number(values.port) : config.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port must be 0..65535, got ${values.port}`);
  const server = await startServer(ctx, { port, host: values.host ?? config.host, workers: !values['no-workers'] });
  ctx.log.info(`CargoLint serving on ${server.url} (${ctx.handle.dialect}${values['no-workers'] ? ', no workers' : ', with workers'})`);
  onShutdown(() => server.close());
}

async function worker(config: Config) {
  const ctx = await createContext(config);
  // A worker process serves no API, so its POSTs need no thread of their own (see DispatcherOptions.sendOnThread).
  const workers = startWorkers(ctx, { dispatcher: { sendOnThread: false } });
  ctx.log.info(`CargoLint worker started (${ctx.handle.dialect})`);
  onShutdown(async () => { await workers.stop(); await ctx.close(); });
}

async function migrate(config: Config) {
  const handle = openDatabase(config);
  try {
    const applied = await migrateToLatest(handle.db);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The schema is up to date.\n');
  } finally {
    await handle.close();
  }
}

async function orgs(config: Config, args: string[]) {
  const [sub, ...rest] = args;
  const ctx = await createContext(config, { log: undefined });
  try {
    if (sub === 'create') {
      const { values } = parseArgs({ args: rest, options: { name: { type: 'string' }, plan: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' } } });
      if (!values.name) throw new ConfigError('orgs create needs --name NAME');
      const plan = assertPlan(values.plan ?? 'business');
      if (Boolean(values.email) !== Boolean(values.password)) throw new ConfigError('--email and --password go together');
      const { organization } = await createOrganization(ctx.db, { name: values.name, plan, email: values.email, password: values.password });
      const key = await createApiKey(ctx.db, organization.id, 'Created by cargolint orgs create');
      process.stdout.write(JSON.stringify({ organization: { id: organization.id, name: organization.name, plan: organization.plan }, api_key: key.key }) + '\n');
    } else if (sub === 'set-plan') {
      const [orgId, plan] = rest;
      if (!orgId || !plan) throw new ConfigError('usage: orgs set-plan ORG_ID PLAN');
      await setPlan(ctx.db, orgId, plan);
      process.stderr.write(`Organization ${orgId} is now on the ${plan} plan.\n`);
    } else {
      throw new ConfigError(USAGE);
    }
  } finally {
    await ctx.close();
  }
}

async function lint(config: Config, args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'text' } } });
  if (values.format !== 'text' && values.format !== 'json') throw new ConfigError('--format must be text or json');
  if (positionals.length === 0) throw new ConfigError('usage: cargolint lint FILE... [--format json]');
  const { runLint } = await import('./compliance/lint-command.js');
  process.exitCode = await runLint(positionals, { format: values.format, referenceDir: config.referenceDir ?? undefined, embargoListFile: config.embargoListFile ?? undefined }, process.stdout);
}

export async function main(argv: string[]) {
  const [command, ...args] = argv;
  try {
    const config = loadConfig();
    switch (command) {
      case 'serve': return await serve(config, args);
      case 'worker': return await worker(config);
      case 'migrate': return await migrate(config);
      case 'orgs': return await orgs(config, args);
      case 'lint': return await lint(config, args);
      case undefined: case 'help': case '--help': case '-h':
        process.stdout.write(USAGE + '\n');
        return;
      default:
        throw new ConfigError(`Unknown command "${command}".\n\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UnmigratedSchemaError) process.stderr.write(`cargolint: ${error.message}\n`);
    else if (error instanceof AppError) process.stderr.write(`cargolint: ${error.message}${error.errors ? ' (' + error.errors.map((e) => `${e.path}: ${e.message}`).join(', ') + ')' : ''}\n`);
    else process.stderr.write(`cargolint: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  }
}
