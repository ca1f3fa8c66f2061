import path from 'node:path';

/** Every setting CargoLint reads from the environment, parsed once (CONTRACT §2). */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  readonly secretKey: string | null;
  readonly allowInsecureWebhookUrls: boolean;
  readonly retrySchedule: readonly number[];
  readonly deliveryTimeoutMs: number;
  readonly disableAfterFailures: number;
  readonly disableAfterSeconds: number;
  readonly maxUploadBytes: number;
  readonly referenceDir: string | null;
  readonly defaultPlan: Plan;
  readonly embargoListFile: string | null;
  readonly logLevel: string;
  readonly rateLimitPerMinute: number;
  readonly deliveryConcurrency: number;
  readonly endpointConcurrency: number;
}

export const PLANS = ['free', 'starter', 'business', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export function parseSchedule(raw: string): number[] {
  const steps = raw.split(',').map((s) => s.trim());
  const values = steps.map(Number);
  if (steps.length === 0 || values.some((v, i) => steps[i] === '' || !Number.isFinite(v) || v < 0)) {
    throw new ConfigError(`CARGOLINT_RETRY_SCHEDULE must be comma-separated seconds, got "${raw}"`);
  }
  return values;
}

export function loadConfig(env: Env = process.env): Config {
  const plan = env.CARGOLINT_DEFAULT_PLAN || 'business';
  if (!(PLANS as readonly string[]).includes(plan)) {
    throw new ConfigError(`CARGOLINT_DEFAULT_PLAN must be one of ${PLANS.join(', ')}, got "${plan}"`);
  }
  const databaseUrl = env.CARGOLINT_DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('CARGOLINT_DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite)');
  }
  return Object.freeze({
    port: integer(env, 'PORT', 3000),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.CARGOLINT_DATA_DIR || './data'),
    databaseUrl,
    secretKey: env.CARGOLINT_SECRET_KEY || null,
    allowInsecureWebhookUrls: boolean(env, 'CARGOLINT_ALLOW_INSECURE_WEBHOOK_URLS', false),
    retrySchedule: Object.freeze(parseSchedule(env.CARGOLINT_RETRY_SCHEDULE || '5,300,1800,7200,18000,36000,36000')),
    deliveryTimeoutMs: integer(env, 'CARGOLINT_DELIVERY_TIMEOUT_MS', 15000, 1),
    disableAfterFailures: integer(env, 'CARGOLINT_DISABLE_AFTER_FAILURES', 15, 1),
    disableAfterSeconds: integer(env, 'CARGOLINT_DISABLE_AFTER_SECONDS', 86400, 0),
    maxUploadBytes: integer(env, 'CARGOLINT_MAX_UPLOAD_BYTES', 10 * 1024 * 1024, 1),
    referenceDir: env.CARGOLINT_REFERENCE_DIR ? path.resolve(env.CARGOLINT_REFERENCE_DIR) : null,
    defaultPlan: plan as Plan,
    embargoListFile: env.CARGOLINT_EMBARGO_LIST_FILE || null,
    logLevel: env.CARGOLINT_LOG_LEVEL || env.LOG_LEVEL || 'info',
    rateLimitPerMinute: integer(env, 'CARGOLINT_RATE_LIMIT_PER_MINUTE', 1200, 1),
    deliveryConcurrency: integer(env, 'CARGOLINT_DELIVERY_CONCURRENCY', 256, 1),
    endpointConcurrency: integer(env, 'CARGOLINT_ENDPOINT_CONCURRENCY', 32, 1),
  });
}
