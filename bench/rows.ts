/** Turns the scenarios' results into the table rows, each target beside its figure (CargoLint's performance budget). */
import { atLeast, fmt, type Row } from './lib/report.js';
import type { BacklogResult } from './scenarios/backlog.js';
import type { CeilingResult } from './scenarios/ceiling.js';
import type { LintRate } from './scenarios/compliance.js';
import type { ListResult } from './scenarios/deliveries-list.js';
import type { LatencyResult } from './scenarios/latency.js';
import type { StormResult } from './scenarios/storm.js';
import type { ThroughputResult } from './scenarios/throughput.js';
import type { UploadFloorResult } from './scenarios/upload-floor.js';

export function buildRows(results: Record<string, any>, smoke: boolean, setup: { cores: number; webhooks: number }): Row[] {
  // Smoke runs are too small to mean anything: no verdicts.
  const judge = (pass: boolean | null) => (smoke ? undefined : pass);
  const rows: Row[] = [];
  const ceiling = (results.ceiling as CeilingResult | undefined)?.perSecond;
  const sqlite = results.throughput_sqlite as ThroughputResult | undefined;

  const busy = (cpu: { foreignCores: number; postgresCores: number }) =>
    `${cpu.foreignCores.toFixed(2)} cores${cpu.postgresCores > 0.005 ? ` (+ PostgreSQL ${cpu.postgresCores.toFixed(2)})` : ''}`;
  if (results.ceiling) {
    rows.push({ section: 'ceiling', figure: 'signed 1 KB POSTs/s, 1 process, 64 in flight', value: fmt.int(ceiling) });
    rows.push({ section: 'ceiling', figure: 'CPU of other processes on the machine', value: busy(results.ceiling.cpu) });
  }

  const throughput = (r: ThroughputResult | undefined, label: string, factor: number | null) => {
    if (!r) return;
    const ratio = ceiling ? r.deliveriesPerSecond / ceiling : null;
    const section = `throughput ${label}`;
    rows.push({
      section, figure: `deliveries/s (${fmt.int(r.uploads)} uploads × ${r.webhooks} webhooks)`, value: fmt.int(r.deliveriesPerSecond),
      ...(factor === null ? {} : { target: `≥ ${factor} × ceiling`, pass: judge(atLeast(r.deliveriesPerSecond, factor, ceiling)) }),
    });
    rows.push({ section, figure: 'ratio to ceiling', value: fmt.ratio(ratio) });
    rows.push({ section, figure: 'uploads/s accepted by the API', value: fmt.int(r.uploadsPerSecond) });
    rows.push({ section, figure: 'delivery trailing the last upload', value: `${r.trailSeconds.toFixed(2)} s` });
    rows.push({ section, figure: 'CargoLint CPU per delivery (all its processes and threads)', value: `${r.cpuMsPerDelivery.toFixed(3)} ms` });
    const byProcess = Object.entries(r.cpuMsPerDeliveryByProcess ?? {});
    if (byProcess.length > 1) {
      rows.push({ section, figure: `  by process (${byProcess.map(([name]) => name).join(' / ')})`, value: byProcess.map(([, ms]) => ms.toFixed(3)).join(' / ') + ' ms' });
    }
    if (r.dialect === 'postgres') {
      rows.push({ section, figure: 'deliveries received twice', value: fmt.int(r.duplicates), ...(factor === null ? {} : { target: '0', pass: judge(r.duplicates === 0) }) });
    }
    rows.push({ section, figure: `peak RSS (${Object.keys(r.peakRssMb).join(' / ')})`, value: `${Object.values(r.peakRssMb).map(fmt.int).join(' / ')} MB` });
    rows.push({ section, figure: 'CPU of other processes on the machine', value: busy(r.cpu) });
  };
  throughput(sqlite, 'SQLite', 0.6);
  throughput(results.throughput_postgres_1_worker, 'PostgreSQL 1 worker', null);
  throughput(results.throughput_postgres_2_workers, 'PostgreSQL 2 workers', 0.3);
  throughput(results.profile?.run, 'SQLite under --cpu-prof', null);
  budgetRows(rows, results, setup, smoke);

  const latency = (key: string, label: string, p50Target: number | null, p99Target: number) => {
    const r = results[key] as LatencyResult | undefined;
    if (!r) return;
    const section = label;
    const what = `upload → arrival, ${fmt.int(r.uploads)} uploads every ${r.intervalMs} ms`;
    rows.push({ section, figure: `p50 ${what}`, value: fmt.ms(r.latencyMs.p50), ...(p50Target === null ? {} : { target: `≤ ${p50Target} ms`, pass: judge(r.latencyMs.p50 <= p50Target) }) });
    rows.push({ section, figure: 'p99', value: fmt.ms(r.latencyMs.p99), target: `≤ ${p99Target} ms`, pass: judge(r.latencyMs.p99 <= p99Target) });
    const worst = r.slowest[0];
    rows.push({ section, figure: worst ? `max (at ${(worst.atMs / 1000).toFixed(1)} s into the run)` : 'max', value: fmt.ms(r.latencyMs.max) });
    rows.push({ section, figure: 'upload response p50 / p99', value: `${fmt.ms(r.uploadResponseMs.p50)} / ${fmt.ms(r.uploadResponseMs.p99)}` });
    if (r.missing > 0) rows.push({ section, figure: 'deliveries not arrived within 60 s', value: fmt.int(r.missing), target: '0', pass: judge(false) });
    if (r.hangingEndpoints > 0) rows.push({ section, figure: `requests held by ${r.hangingEndpoints} hanging endpoints`, value: fmt.int(r.hungRequests) });
    rows.push({ section, figure: 'CPU of other processes on the machine', value: busy(r.cpu) });
  };
  latency('latency', 'latency (light load)', 10, 50);
  latency('isolation', 'isolation (+3 hanging endpoints)', null, 100);

  const backlog = results.backlog as BacklogResult | undefined;
  if (backlog) {
    const section = 'backlog';
    rows.push({
      section, figure: `drain deliveries/s (${fmt.int(backlog.drained)} after a ${backlog.outageSeconds.toFixed(0)} s stuck-endpoint outage)`, value: fmt.int(backlog.drainPerSecond),
      target: '≥ 0.8 × SQLite throughput', pass: judge(atLeast(backlog.drainPerSecond, 0.8, sqlite?.deliveriesPerSecond)),
    });
    rows.push({ section, figure: 'serve peak RSS (VmHWM)', value: `${fmt.int(backlog.peakRssMb)} MB`, target: '≤ 300 MB', pass: judge(backlog.peakRssMb === null ? null : backlog.peakRssMb <= 300) });
    rows.push({ section, figure: 'attempts during the outage (timed out) / held at return', value: `${fmt.int(backlog.attemptsDuringOutage)} / ${fmt.int(backlog.heldAtReturn)}` });
    rows.push({ section, figure: 'uploads/s during the outage', value: fmt.int(backlog.uploadsPerSecondDuringOutage) });
    rows.push({ section, figure: 'deliveries out of attempts before the return', value: fmt.int(backlog.exhaustedBeforeReturn) });
    rows.push({ section, figure: 'CPU of other processes during the drain', value: busy(backlog.cpu) });
  }

  const profiledBacklog = results.profile_backlog?.run as BacklogResult | undefined;
  if (profiledBacklog) rows.push({ section: 'backlog under --cpu-prof', figure: 'drain deliveries/s', value: fmt.int(profiledBacklog.drainPerSecond) });

  const storm = results.storm as StormResult | undefined;
  if (storm) {
    const section = 'retry storm (endpoints refuse, 1 s retries)';
    rows.push({ section, figure: `failed attempts/s with ${fmt.int(storm.pending)} deliveries due every second`, value: fmt.int(storm.failedAttemptsPerSecond) });
    rows.push({ section, figure: 'GET /health p50 / p99 meanwhile', value: `${fmt.ms(storm.healthMs.p50)} / ${fmt.ms(storm.healthMs.p99)}` });
    rows.push({ section, figure: 'drain deliveries/s once the endpoints listen again', value: fmt.int(storm.drainPerSecond) });
    rows.push({ section, figure: 'CPU of other processes during the storm', value: busy(storm.cpu) });
  }

  for (const r of (results.compliance as LintRate[] | undefined) ?? []) {
    rows.push({ section: 'compliance engine', figure: `docs/s: ${r.document}`, value: fmt.int(r.perSecond) });
    rows.push({ section: 'compliance engine', figure: '  mean / first call', value: `${r.meanMs.toFixed(2)} ms / ${fmt.int(r.firstCallMs)} ms` });
  }

  const list = results.deliveries_list as ListResult | undefined;
  if (list) {
    const section = `delivery history (${fmt.int(list.stored)} stored)`;
    rows.push({ section, figure: `p99 of ${list.requests} GETs …/deliveries`, value: fmt.ms(list.overallMs.p99) });
    for (const q of list.byQuery) rows.push({ section, figure: `  p50 / p99 ${q.query}`, value: `${fmt.ms(q.ms.p50)} / ${fmt.ms(q.ms.p99)}` });
  }
  return rows;
}

/**
 * What a throughput target leaves for CargoLint's delivery bookkeeping on this machine. At the target rate the
 * receiver answers every delivery, the POSTs cost at least what the ceiling's sender pays, and every twentieth
 * delivery brings an upload to accept, check and store (the floor run, no webhooks). Whatever CPU the machine has
 * beyond that is all a dispatcher may spend to store, claim, lease and record each delivery; when it is below zero,
 * no dispatcher reaches the target here.
 */
function budgetRows(rows: Row[], results: Record<string, any>, { cores, webhooks }: { cores: number; webhooks: number }, smoke: boolean) {
  const ceiling = results.ceiling as CeilingResult | undefined;
  if (!ceiling?.cpuMsPerPost || !ceiling.receiverCpuMsPerPost) return;
  const section = 'budget';
  rows.push({ section, figure: 'CPU per POST: ceiling sender / receiver', value: `${ceiling.cpuMsPerPost.toFixed(3)} / ${ceiling.receiverCpuMsPerPost.toFixed(3)} ms` });
  const one = (floor: UploadFloorResult | undefined, label: string, factor: number) => {
    if (!floor) return;
    const perUpload = floor.cargolintCpuMsPerUpload + floor.clientCpuMsPerUpload + floor.postgresCpuMsPerUpload;
    rows.push({
      section, figure: `${label}: CPU per upload, no webhooks (CargoLint + client${floor.postgresCpuMsPerUpload > 0 ? ' + PostgreSQL' : ''})`,
      value: `${perUpload.toFixed(3)} ms (${floor.cargolintCpuMsPerUpload.toFixed(3)} + ${floor.clientCpuMsPerUpload.toFixed(3)}${floor.postgresCpuMsPerUpload > 0 ? ` + ${floor.postgresCpuMsPerUpload.toFixed(3)}` : ''})`,
    });
    const rate = factor * ceiling.perSecond;
    const floorMsPerDelivery = ceiling.cpuMsPerPost! + ceiling.receiverCpuMsPerPost! + perUpload / webhooks;
    const neededCores = (rate * floorMsPerDelivery) / 1000;
    const leftMsPerDelivery = ((cores - neededCores) * 1000) / rate;
    rows.push({ section, figure: `${label}: cores needed at ${factor} × ceiling (${fmt.int(Math.round(rate))}/s) before any delivery is stored or recorded`, value: `${neededCores.toFixed(2)} of ${cores}` });
    // A smoke run's few uploads are mostly warm-up: its figures say nothing about what the machine can do.
    if (smoke) return;
    rows.push({
      section, figure: `${label}: CPU left per delivery for storing, claiming and recording it`,
      value: leftMsPerDelivery > 0 ? `${leftMsPerDelivery.toFixed(3)} ms` : 'none: unreachable on this machine',
    });
  };
  one(results.floor_sqlite, 'SQLite', 0.6);
  one(results.floor_postgres_2_workers, 'PostgreSQL', 0.3);
}
