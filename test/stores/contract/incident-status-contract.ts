import { expect, it } from 'vitest';
import type { Store } from '../../../src/core/store/store.js';
import { T0, occurrences } from '../store-fixtures.js';

export function defineIncidentStatusContract(store: () => Store): void {
  it('stamps resolved_at on RESOLVED and clears it on any other status', async () => {
    const batch = occurrences();
    const id = batch.record.incidentId;
    await store().writeIncidents([batch], { dedupWindowMs: 0 });
    const before = Date.now();
    const resolved = await store().setIncidentStatus(id, 'RESOLVED');
    expect(resolved?.status).toBe('RESOLVED');
    expect(resolved?.resolvedAt?.getTime()).toBeGreaterThanOrEqual(before);
    expect(resolved?.resolvedAt?.getTime()).toBeLessThanOrEqual(Date.now());
    const reopened = await store().setIncidentStatus(id, 'OPEN');
    expect(reopened).toMatchObject({ status: 'OPEN', resolvedAt: null });
    expect(await store().getIncident(id)).toMatchObject({ status: 'OPEN', resolvedAt: null });
  });

  it('keeps the first resolved_at when an incident is resolved twice', async () => {
    const batch = occurrences();
    await store().writeIncidents([batch], { dedupWindowMs: 0 });
    const first = await store().setIncidentStatus(batch.record.incidentId, 'RESOLVED');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await store().setIncidentStatus(batch.record.incidentId, 'RESOLVED');
    expect(second?.resolvedAt).toEqual(first?.resolvedAt);
  });

  it('finds the incident by alias when setting its status', async () => {
    const first = occurrences();
    const repeat = occurrences({ firstSeenAt: T0 + 1, lastSeenAt: T0 + 1 });
    await store().writeIncidents([first, repeat], { dedupWindowMs: 60_000 });
    const updated = await store().setIncidentStatus(repeat.record.incidentId, 'ACKNOWLEDGED');
    expect(updated).toMatchObject({ incidentId: first.record.incidentId, status: 'ACKNOWLEDGED' });
  });

  it('answers undefined for an unknown ID and rejects an unknown status', async () => {
    expect(await store().getIncident('INCIDENT-9999')).toBeUndefined();
    expect(await store().setIncidentStatus('INCIDENT-9999', 'RESOLVED')).toBeUndefined();
    const batch = occurrences();
    await store().writeIncidents([batch], { dedupWindowMs: 0 });
    const bad = 'CLOSED' as 'RESOLVED';
    await expect(store().setIncidentStatus(batch.record.incidentId, bad)).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
}
