import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { honoApp, honoRecorder, INCIDENT_ID, serveApp, useHonoCleanup } from './serve-hono.js';
import { HOSTILE_THROWN_VALUES, NULLISH_THROWN_VALUES } from '../support/hostile-values.js';

// Hono off Node's beaten path: hostile thrown values, the env other runtimes pass, and
// app.request() with no server at all (how Bun, Deno and Workers call app.fetch).
useHonoCleanup();

describe('hono: hostile errors and other runtimes', () => {
  const hostile = [...HOSTILE_THROWN_VALUES, ...NULLISH_THROWN_VALUES];

  it.each(hostile)('answers 500 with an ID when the handler throws %s', async (_label, make) => {
    const { url, incidents } = await serveApp((app) => {
      app.get('/fail', () => {
        throw make();
      });
    });
    const response = await fetch(`${url}/fail`);
    expect(response.status).toBe(500);
    const id = response.headers.get('x-incident-id');
    expect(id).toMatch(INCIDENT_ID);
    expect((await incidents())[0]?.incidentId).toBe(id);
  });

  const boom = (app: Hono) =>
    app.get('/boom', () => {
      throw new Error('boom');
    });

  it.each([
    ['Deno (info.remoteAddr)', { remoteAddr: { hostname: '198.51.100.7' } }],
    ['Bun (the server)', { requestIP: () => ({ address: '198.51.100.7' }) }],
    ['Bun ({ server })', { server: { requestIP: () => ({ address: '198.51.100.7' }) } }],
  ])('reads the client address from the env %s passes', async (_runtime, env) => {
    const { recorder, incidents } = await honoRecorder();
    const response = await honoApp(recorder, boom).request('/boom', {}, env);
    expect((await incidents())[0]).toMatchObject({
      incidentId: response.headers.get('x-incident-id'),
      ipAddress: '198.51.100.7',
    });
  });

  it('answers through app.request() with no server at all, address unknown', async () => {
    const { recorder, incidents } = await honoRecorder();
    const response = await honoApp(recorder, boom).request('/boom');
    expect(response.status).toBe(500);
    const id = response.headers.get('x-incident-id');
    expect(id).toMatch(INCIDENT_ID);
    expect((await response.json()).incident_id).toBe(id);
    expect((await incidents())[0]).toMatchObject({ incidentId: id, ipAddress: null });
  });
});
