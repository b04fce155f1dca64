import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../support/example-app.js';
import { INCIDENT_ID, useExample } from '../support/use-example.js';

// The adapter contract, part 1: thrown errors and error statuses under the default options.
// It asserts the library's contract (status, IDs, body, stored row), never a framework's own bodies.
describe.each(ADAPTERS)('$name: errors with default options', (adapter) => {
  const app = useExample(adapter);

  it('answers 200 with an X-Request-ID and no incident on /ok', async () => {
    const response = await app().fetch('/ok');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-incident-id')).toBeNull();
  });

  it('honours a well-formed inbound X-Request-ID and replaces a malformed one', async () => {
    const kept = await app().fetch('/ok', { headers: { 'x-request-id': 'abc-123.DEF:9_z' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-123.DEF:9_z');
    const replaced = await app().fetch('/ok', { headers: { 'x-request-id': 'a b<script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const tooLong = await app().fetch('/ok', { headers: { 'x-request-id': 'x'.repeat(201) } });
    expect(tooLong.headers.get('x-request-id')).not.toBe('x'.repeat(201));
  });

  it('returns 500 with X-Incident-ID and the JSON body when the handler throws', async () => {
    const response = await app().fetch('/boom', { headers: { 'x-request-id': 'req-boom-1' } });
    expect(response.status).toBe(500);
    const id = response.headers.get('x-incident-id');
    expect(id).toMatch(INCIDENT_ID);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({
      detail: "Something broke on our side. We've logged it. Share the Incident ID with support.",
      incident_id: id,
    });
    const incident = await app().incident(id);
    expect(incident).toMatchObject({
      incidentId: id,
      status: 'OPEN',
      httpStatus: 500,
      method: 'GET',
      path: '/boom',
      route: '/boom',
      requestId: 'req-boom-1',
      exceptionClass: 'Error',
      exceptionMessage: 'boom',
      headersSent: false,
      ipAddress: '127.0.0.1',
    });
    expect(incident.stacktrace).toContain('Error: boom');
    expect(incident.occurrenceCount).toBeGreaterThanOrEqual(1);
  });

  it('counts the same error on one route template in one incident', async () => {
    const first = await app().fetch('/boom/12345');
    const second = await app().fetch('/boom/67890');
    const id = first.headers.get('x-incident-id');
    expect(id).toMatch(INCIDENT_ID);
    expect(second.headers.get('x-incident-id')).toBe(id);
    const incident = await app().incident(id);
    expect(incident.route).toBe('/boom/:id');
    expect(incident.exceptionMessage).toBe('boom for item 12345');
    await expect.poll(async () => (await app().incident(id)).occurrenceCount).toBe(2);
  });

  it('captures a thrown string with its text', async () => {
    const response = await app().fetch('/throw-string');
    expect(response.status).toBe(500);
    const incident = await app().incident(response.headers.get('x-incident-id'));
    expect(incident.exceptionClass).toBe('String');
    expect(incident.exceptionMessage).toBe('plain string');
  });

  it('keeps the body of a returned 502 and adds both IDs', async () => {
    const response = await app().fetch('/bad-gateway');
    expect(response.status).toBe(502);
    expect(await response.text()).toBe('Upstream error');
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const incident = await app().incident(response.headers.get('x-incident-id'));
    expect(incident.httpStatus).toBe(502);
    expect(incident.exceptionClass).toBeNull();
  });

  it.each([
    ['/not-found', 404],
    ['/forbidden', 403],
  ])('leaves %s (%i) alone: no incident, no ID', async (path, status) => {
    const response = await app().fetch(path);
    expect(response.status).toBe(status);
    expect(response.headers.get('x-incident-id')).toBeNull();
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('keeps a validation error as 400 or 422 without an incident', async () => {
    const response = await app().fetch('/validate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect([400, 422]).toContain(response.status);
    expect(response.headers.get('x-incident-id')).toBeNull();
  });

  it('passes a 301 and a 304 through untouched', async () => {
    const redirect = await app().fetch('/redirect');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/ok');
    const cached = await app().fetch('/cached', {
      headers: { 'if-none-match': '"v1"', 'cache-control': 'max-age=0' },
    });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('x-incident-id')).toBeNull();
  });

  it('returns the manual error response with an incident', async () => {
    const response = await app().fetch('/manual');
    expect(response.status).toBe(500);
    const id = response.headers.get('x-incident-id');
    expect((await response.json()).incident_id).toBe(id);
    expect((await app().incident(id)).exceptionMessage).toBe('manual failure');
  });

  it('serves browsers an HTML page with the incident ID', async () => {
    const response = await app().fetch('/boom', { headers: { accept: 'text/html,*/*;q=0.8' } });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toContain('text/html');
    const id = response.headers.get('x-incident-id');
    expect(id).toMatch(INCIDENT_ID);
    const page = await response.text();
    expect(page).toContain(id);
    expect(page).not.toContain('Error: boom');
  });

  it('answers HEAD with the status and both IDs and no body', async () => {
    const response = await app().fetch('/boom', { method: 'HEAD' });
    expect(response.status).toBe(500);
    expect(response.headers.get('x-incident-id')).toMatch(INCIDENT_ID);
    expect(await response.text()).toBe('');
  });

  it('records an error thrown after headers were sent without writing more', async () => {
    const response = await app().fetch('/stream-fail');
    expect(response.status).toBe(200);
    await response.text().catch(() => 'aborted');
    const incidents = await app().incidents(1);
    const incident = incidents.find((row) => row.path === '/stream-fail');
    expect(incident).toMatchObject({
      httpStatus: 500,
      headersSent: true,
      exceptionMessage: 'stream failed',
    });
  });
});
