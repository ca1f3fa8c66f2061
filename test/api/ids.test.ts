import { describe, expect, it } from 'vitest';
import { idRangeForTime, newId } from '../../src/ids.js';

describe('ids', () => {
  it('sort in creation order, even many within one millisecond', () => {
    const ids = Array.from({ length: 2000 }, () => newId('evt', 1_800_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toMatch(/^evt_[0-9a-hjkmnp-tv-z]{26}$/);
  });

  it('carry the time first, so a later millisecond sorts after', () => {
    const a = newId('dlv', 1_800_000_000_000);
    const b = newId('dlv', 1_800_000_000_001);
    expect(a < b).toBe(true);
  });

  it('bound by time: ids made inside a window fall in its id range, ids made before it do not', () => {
    const t = 1_900_000_000_000;
    const before = newId('dlv', t - 1);
    const inside = [newId('dlv', t), newId('dlv', t + 500), newId('dlv', t + 1000)];
    const range = idRangeForTime('dlv', t, t + 1000);
    expect(before >= range.from).toBe(false);
    for (const id of inside) expect(id >= range.from && id < range.to).toBe(true);
    // Far later ids are outside; other prefixes never match.
    expect(newId('dlv', t + 10 * 3_600_000) < range.to).toBe(false);
    expect(newId('evt', t + 10) >= range.from && newId('evt', t + 10) < range.to).toBe(false);
  });
});
