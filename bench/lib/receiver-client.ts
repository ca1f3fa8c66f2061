/** Starts receiver processes (bench/lib/receiver.ts) and talks to their control routes. */
import { request } from 'undici';
import { startTsProcess, waitForLine, type Proc } from './procs.js';

export interface ReceiverStats { requests: number; unique: number; duplicates: number; hung: number; status: number }

export interface Receiver {
  proc: Proc;
  ports: number[];
  /** The webhook URL of listener `i`. */
  url(i?: number, path?: string): string;
  stats(): Promise<ReceiverStats>;
  ids(): Promise<string[]>;
  arrivals(): Promise<Array<[string, number]>>;
  reset(): Promise<void>;
  configure(settings: { status?: number; record?: boolean }): Promise<void>;
  /** Polls until the receiver holds `unique` distinct deliveries; returns the time that happened (Date.now()). */
  waitForUnique(unique: number, timeoutMs: number, onTick?: (s: ReceiverStats) => void): Promise<number>;
  stop(): Promise<void>;
}

/** `ports` binds exactly those (a receiver coming back after an outage); otherwise `listeners` ephemeral ports. */
export async function startReceiver(options: { mode?: 'ok' | 'hang'; ports?: number[]; listeners?: number; name?: string } = {}): Promise<Receiver> {
  const where = options.ports ? `--ports=${options.ports.join(',')}` : `--listeners=${options.listeners ?? 1}`;
  const proc = startTsProcess(options.name ?? `receiver-${options.mode ?? 'ok'}`, 'bench/lib/receiver.ts', [`--mode=${options.mode ?? 'ok'}`, where]);
  const ready = await waitForLine(proc, /^READY (.*)$/);
  const ports = (JSON.parse(ready[1]) as { ports: number[] }).ports;
  const base = `http://127.0.0.1:${ports[0]}`;
  const get = async <T>(path: string): Promise<T> => {
    const res = await request(base + path);
    return (await res.body.json()) as T;
  };
  const receiver: Receiver = {
    proc, ports,
    url: (i = 0, path = '/hook') => `http://127.0.0.1:${ports[i]}${path}`,
    stats: () => get<ReceiverStats>('/_ctl/stats'),
    ids: () => get<string[]>('/_ctl/ids'),
    arrivals: () => get<Array<[string, number]>>('/_ctl/arrivals'),
    reset: async () => { await get('/_ctl/reset'); },
    async configure({ status, record }) {
      const q = new URLSearchParams();
      if (status !== undefined) q.set('status', String(status));
      if (record !== undefined) q.set('record', record ? '1' : '0');
      await get(`/_ctl/config?${q}`);
    },
    async waitForUnique(unique, timeoutMs, onTick) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const s = await receiver.stats();
        const now = Date.now();
        onTick?.(s);
        if (s.unique >= unique) return now;
        if (now > deadline) throw new Error(`receiver holds ${s.unique} of ${unique} deliveries after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: () => proc.stop(),
  };
  return receiver;
}
