import { expect, it } from 'vitest';
import type { Store } from '../../../src/core/store/store.js';

export function defineIdContract(store: () => Store): void {
  it('hands out distinct, increasing blocks of incident numbers', async () => {
    const first = await store().reserveIncidentNumbers(20);
    const second = await store().reserveIncidentNumbers(20);
    const third = await store().reserveIncidentNumbers(5);
    expect(first).toBe(1);
    expect(second).toBe(21);
    expect(third).toBe(41);
  });

  it('never overlaps blocks reserved concurrently', async () => {
    const firsts = await Promise.all(
      Array.from({ length: 40 }, () => store().reserveIncidentNumbers(10)),
    );
    const numbers = firsts.flatMap((first) => Array.from({ length: 10 }, (_, i) => first + i));
    expect(new Set(numbers).size).toBe(400);
    expect(Math.min(...numbers)).toBe(1);
    expect(Math.max(...numbers)).toBe(400);
  });

  it('counts past 9999 as numbers, not text', async () => {
    expect(await store().reserveIncidentNumbers(9998)).toBe(1);
    expect(await store().reserveIncidentNumbers(1)).toBe(9999);
    expect(await store().reserveIncidentNumbers(1)).toBe(10000);
    expect(await store().reserveIncidentNumbers(1)).toBe(10001);
  });

  it('rejects a block size that is not a positive whole number', async () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      await expect(store().reserveIncidentNumbers(bad)).rejects.toMatchObject({
        code: 'invalid_input',
      });
    }
  });
}
