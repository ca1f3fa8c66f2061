import { stackCpuMeter, startStack, type StackOptions } from '../lib/cargolint.js';
import { waitForProcessed } from '../lib/ledger.js';
import { uploadMany } from '../lib/load.js';
import { cpuMeter, type CpuReading } from '../lib/machine.js';
import { runningGroups } from '../lib/procs.js';

export interface UploadFloorOptions extends StackOptions {
  uploads: number;
  concurrency: number;
}

export interface UploadFloorResult {
  dialect: string;
  workers: number;
  uploads: number;
  uploadsPerSecond: number;
  /** CPU per upload, accepted and processed (compliance check, findings), with no webhook subscribed. */
  cargolintCpuMsPerUpload: number;
  /** The same by process (serve, worker-1, …). */
  cargolintCpuMsPerUploadByProcess: Record<string, number>;
  /** The upload client's CPU per upload (this bench process: multipart encoding, HTTP). */
  clientCpuMsPerUpload: number;
  /** PostgreSQL's CPU per upload (0 on SQLite). */
  postgresCpuMsPerUpload: number;
  cpu: CpuReading;
}

/**
 * The throughput run without webhooks: what accepting and processing one upload costs when nothing is delivered.
 * With the ceiling's own CPU per POST (sender and receiver), it tells how much CPU a delivery target leaves on this
 * machine for storing, claiming and recording deliveries: a floor no dispatcher design can go under.
 */
export async function runUploadFloor(options: UploadFloorOptions): Promise<UploadFloorResult> {
  const stack = await startStack(options);
  try {
    const cargolintCpu = stackCpuMeter(stack);
    const meter = cpuMeter(runningGroups);
    const clientBefore = process.cpuUsage();
    const upload = await uploadMany(stack, options.uploads, options.concurrency);
    await waitForProcessed(stack, 120_000);
    const client = process.cpuUsage(clientBefore);
    const cpu = meter();
    const used = cargolintCpu();
    const perUpload = (ms: number) => Math.round((ms / options.uploads) * 1000) / 1000;
    return {
      dialect: options.dialect, workers: options.dialect === 'postgres' ? options.workers ?? 1 : 0, uploads: options.uploads,
      uploadsPerSecond: Math.round(options.uploads / ((upload.endedAt - upload.startedAt) / 1000)),
      cargolintCpuMsPerUpload: perUpload(used.totalMs),
      cargolintCpuMsPerUploadByProcess: Object.fromEntries(Object.entries(used.byProcess).map(([name, ms]) => [name, perUpload(ms)])),
      clientCpuMsPerUpload: perUpload((client.user + client.system) / 1000),
      postgresCpuMsPerUpload: perUpload(cpu.postgresCores * cpu.seconds * 1000), cpu,
    };
  } finally {
    await stack.stop();
  }
}
