import { describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.js';

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
});
