import { formatDuration, formatHour } from '../../../../format.js';
import type { StatsBucket } from '../../../../types.js';

const W = 720;
const H = 200;
const PAD = { left: 40, right: 56, top: 14, bottom: 26 };

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const exp = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * exp >= v) return m * exp;
  return 10 * exp;
}

export function summarize(buckets: StatsBucket[]) {
  const succeeded = buckets.reduce((s, b) => s + b.succeeded, 0);
  const failed = buckets.reduce((s, b) => s + b.failed, 0);
  const total = succeeded + failed;
  const weighted = buckets.reduce((s, b) => s + (b.avg_latency_ms ?? 0) * (b.succeeded + b.failed), 0);
  const counted = buckets.reduce((s, b) => s + (b.avg_latency_ms === null || b.avg_latency_ms === undefined ? 0 : b.succeeded + b.failed), 0);
  const p95s = buckets.map((b) => b.p95_latency_ms).filter((v): v is number => typeof v === 'number');
  return {
    succeeded,
    failed,
    total,
    successRate: total ? succeeded / total : null,
    avgLatency: counted ? weighted / counted : null,
    worstP95: p95s.length ? Math.max(...p95s) : null,
  };
}

export function StatsChart({ buckets }: { buckets: StatsBucket[] }) {
  const s = summarize(buckets);
  const n = Math.max(buckets.length, 1);
  const pw = W - PAD.left - PAD.right;
  const ph = H - PAD.top - PAD.bottom;
  const slot = pw / n;
  const barW = Math.max(2, slot * 0.62);
  const maxCount = Math.max(2, niceMax(Math.max(...buckets.map((b) => b.succeeded + b.failed), 0)));
  const rawMaxLat = Math.max(...buckets.map((b) => b.p95_latency_ms ?? b.avg_latency_ms ?? 0), 0);
  const maxLat = niceMax(rawMaxLat);
  const y = (count: number) => (count / maxCount) * ph;
  const yLat = (ms: number) => PAD.top + ph - (ms / maxLat) * ph;
  const cx = (i: number) => PAD.left + i * slot + slot / 2;

  const line = (pick: (b: StatsBucket) => number | null | undefined) => {
    const segments: string[] = [];
    let current: string[] = [];
    buckets.forEach((b, i) => {
      const v = pick(b);
      if (v === null || v === undefined) {
        if (current.length) segments.push(current.join(' '));
        current = [];
      } else current.push(`${cx(i).toFixed(1)},${yLat(v).toFixed(1)}`);
    });
    if (current.length) segments.push(current.join(' '));
    return segments;
  };

  const label = s.total === 0
    ? 'No deliveries in the last 24 hours.'
    : `Last 24 hours: ${s.succeeded} succeeded, ${s.failed} failed${s.worstP95 !== null ? `, worst hourly p95 latency ${formatDuration(s.worstP95)}` : ''}.`;

  return (
    <figure className="chart">
      <ul className="chart-legend" aria-hidden="true">
        <li><span className="swatch swatch-success" /> Succeeded</li>
        <li><span className="swatch swatch-danger" /> Failed</li>
        <li><span className="swatch swatch-line" /> p95 latency</li>
        <li><span className="swatch swatch-line-dashed" /> Average latency</li>
      </ul>
      <div className="chart-body">
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} className="chart-svg" preserveAspectRatio="xMidYMid meet">
          {[0, 0.5, 1].map((f) => {
            const yy = PAD.top + ph - f * ph;
            return (
              <g key={f}>
                <line x1={PAD.left} x2={W - PAD.right} y1={yy} y2={yy} className="chart-grid" />
                {Number.isInteger(maxCount * f) && <text x={PAD.left - 6} y={yy + 4} textAnchor="end" className="chart-axis">{maxCount * f}</text>}
                {rawMaxLat > 0 && <text x={W - PAD.right + 6} y={yy + 4} textAnchor="start" className="chart-axis">{formatDuration(maxLat * f)}</text>}
              </g>
            );
          })}
          {buckets.map((b, i) => {
            const x = cx(i) - barW / 2;
            const hs = y(b.succeeded);
            const hf = y(b.failed);
            const base = PAD.top + ph;
            return (
              <g key={b.start} className="chart-bucket">
                <title>
                  {`${formatHour(b.start)} — ${b.succeeded} succeeded, ${b.failed} failed` +
                    (b.avg_latency_ms !== null && b.avg_latency_ms !== undefined ? `, avg ${formatDuration(b.avg_latency_ms)}` : '') +
                    (b.p95_latency_ms !== null && b.p95_latency_ms !== undefined ? `, p95 ${formatDuration(b.p95_latency_ms)}` : '')}
                </title>
                <rect x={PAD.left + i * slot} y={PAD.top} width={slot} height={ph} className="chart-hit" />
                {hs > 0 && <rect x={x} y={base - hs} width={barW} height={hs} rx={1.5} className="chart-bar-success" />}
                {hf > 0 && <rect x={x} y={base - hs - hf} width={barW} height={hf} rx={1.5} className="chart-bar-danger" />}
                {i % 6 === 0 && <text x={cx(i)} y={H - 8} textAnchor="middle" className="chart-axis">{formatHour(b.start)}</text>}
              </g>
            );
          })}
          {line((b) => b.avg_latency_ms).map((points, i) => <polyline key={`a${i}`} points={points} className="chart-line chart-line-dashed" />)}
          {line((b) => b.p95_latency_ms).map((points, i) => <polyline key={`p${i}`} points={points} className="chart-line" />)}
          {buckets.map((b, i) => (typeof b.p95_latency_ms === 'number'
            ? <circle key={`d${b.start}`} cx={cx(i)} cy={yLat(b.p95_latency_ms)} r={2.6} className="chart-dot" />
            : null))}
        </svg>
        {s.total === 0 && <div className="chart-empty" aria-hidden="true"><span>No deliveries in the last 24 hours</span></div>}
      </div>
      <figcaption className="visually-hidden">{label}</figcaption>
    </figure>
  );
}
