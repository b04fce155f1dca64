import { describe, expect, it } from 'vitest';
import type { IncidentRecord } from '../store/records.js';
import { IncidentBook } from './incident-book.js';

function counterIds() {
  let next = 1;
  return () => `INCIDENT-${String(next++).padStart(4, '0')}`;
}

const build = (incidentId: string) => ({ incidentId }) as IncidentRecord;
const occurrence = (fingerprint: string, now: number, requestId = `r${now}`) => ({
  fingerprint,
  requestId,
  now,
  build,
});

describe('IncidentBook', () => {
  it('reuses the ID of a repeat within the window and counts it', () => {
    const book = new IncidentBook(1000, counterIds());
    expect(book.record(occurrence('a', 0))).toBe('INCIDENT-0001');
    expect(book.record(occurrence('a', 900, 'last'))).toBe('INCIDENT-0001');
    expect(book.record(occurrence('b', 950))).toBe('INCIDENT-0002');
    const batches = book.drain(1000);
    expect(batches).toHaveLength(2);
    expect(batches[0]).toMatchObject({
      count: 2,
      firstSeenAt: 0,
      lastSeenAt: 900,
      lastRequestId: 'last',
    });
  });

  it('slides the window from the last occurrence', () => {
    const book = new IncidentBook(1000, counterIds());
    book.record(occurrence('a', 0));
    book.record(occurrence('a', 900));
    expect(book.record(occurrence('a', 1800))).toBe('INCIDENT-0001');
    expect(book.record(occurrence('a', 2801))).toBe('INCIDENT-0002');
  });

  it('keeps unflushed counts of an expired entry until the next drain', () => {
    const book = new IncidentBook(1000, counterIds());
    book.record(occurrence('a', 0));
    book.record(occurrence('a', 5000));
    const batches = book.drain(5000);
    expect(batches.map((b) => [b.record.incidentId, b.count])).toEqual([
      ['INCIDENT-0001', 1],
      ['INCIDENT-0002', 1],
    ]);
    expect(book.pendingCount).toBe(0);
  });

  it('never merges with a zero window', () => {
    const book = new IncidentBook(0, counterIds());
    expect(book.record(occurrence('a', 0, 'r1'))).toBe('INCIDENT-0001');
    expect(book.record(occurrence('a', 0, 'r2'))).toBe('INCIDENT-0002');
    expect(book.drain(0)).toHaveLength(2);
  });

  it('builds the record only for a first occurrence', () => {
    const book = new IncidentBook(1000, counterIds());
    let built = 0;
    const counting = (incidentId: string) => (built++, build(incidentId));
    book.record({ ...occurrence('a', 0), build: counting });
    book.record({ ...occurrence('a', 1), build: counting });
    expect(built).toBe(1);
  });

  it('drops the entry of a resolved incident so the next repeat opens a new one', () => {
    const book = new IncidentBook(60_000, counterIds());
    book.record(occurrence('a', 0));
    book.drain(1);
    book.settle([{ issuedId: 'INCIDENT-0001', incidentId: 'INCIDENT-0001', status: 'RESOLVED' }]);
    expect(book.record(occurrence('a', 2))).toBe('INCIDENT-0002');
  });

  it('forgets expired entries on drain', () => {
    const book = new IncidentBook(1000, counterIds());
    book.record(occurrence('a', 0));
    book.drain(10);
    expect(book.drain(5000)).toEqual([]);
    expect(book.record(occurrence('a', 5001))).toBe('INCIDENT-0002');
  });
});
