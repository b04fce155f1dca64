import { afterEach, describe, expect, it } from 'vitest';
import {
  BlackboxError,
  createBlackbox,
  createMemoryStore,
  getRequestContext,
  ServerIncident,
  type Blackbox,
  type Store,
} from '../../src/index.js';

// The engine without a framework: manual capture, the seed's create_error_response and
// ServerIncident, resolveUser failures, and the request context outside a request.
const quiet = { warn: () => {}, error: () => {} };
let recorder: Blackbox | undefined;
afterEach(async () => {
  await recorder?.close();
  recorder = undefined;
});

async function setup(
  options: Record<string, unknown> = {},
): Promise<{ recorder: Blackbox; store: Store }> {
  const store = createMemoryStore();
  recorder = createBlackbox({ store, logger: quiet, ...options });
  await recorder.ready();
  return { recorder, store };
}

const request = (headers: Record<string, string> = {}) => ({
  method: 'GET',
  url: '/pay?token=secret-token',
  headers,
  remoteAddress: '10.0.0.7',
  raw: { headers },
});

describe('manual capture', () => {
  it('records a request-less incident and returns its ID', async () => {
    const { recorder, store } = await setup();
    const id = recorder.captureException(new Error('nightly sync failed'), { path: 'job:sync' });
    expect(id).toMatch(/^INCIDENT-\d{4,}$/);
    await recorder.flush();
    expect(await store.getIncident(id!)).toMatchObject({
      path: 'job:sync',
      exceptionMessage: 'nightly sync failed',
    });
  });

  it('captures inside the current request as its one incident', async () => {
    const { recorder, store } = await setup();
    const scope = recorder.begin(request());
    const [first, second] = recorder.run(scope, () => [
      recorder.captureException(new Error('first')),
      recorder.captureException(new Error('second')),
    ]);
    expect(second).toBe(first);
    expect(scope.incidentId).toBe(first);
    await recorder.flush();
    expect((await store.listIncidents({})).results).toHaveLength(1);
  });

  it('builds the error response a thrown error would get, without the message', async () => {
    const { recorder } = await setup();
    const scope = recorder.begin(request({ 'x-request-id': 'manual-1' }));
    const answer = recorder.run(scope, () =>
      recorder.createErrorResponse(new Error('card declined: 4242')),
    );
    expect(answer.status).toBe(500);
    expect(answer.headers['x-incident-id']).toBe(scope.incidentId);
    expect(answer.headers['x-request-id']).toBe('manual-1');
    expect(JSON.parse(answer.body)).toEqual({
      detail: expect.any(String),
      incident_id: scope.incidentId,
    });
    expect(answer.body).not.toContain('4242');
  });

  it('answers 400 for a manual response when return400InsteadOf500 is on', async () => {
    const { recorder } = await setup({ return400InsteadOf500: true });
    expect(recorder.createErrorResponse(new ServerIncident('upstream said no')).status).toBe(400);
  });

  it('treats ServerIncident as a 500 with its detail stored', async () => {
    const { recorder, store } = await setup();
    const id = recorder.captureException(
      new ServerIncident('payment provider rejected the callback'),
    );
    await recorder.flush();
    expect(await store.getIncident(id!)).toMatchObject({
      httpStatus: 500,
      exceptionClass: 'ServerIncident',
      exceptionMessage: 'payment provider rejected the callback',
    });
  });
});

describe('request data', () => {
  it('records the user from resolveUser, and an anonymous one when it throws', async () => {
    let calls = 0;
    const { recorder, store } = await setup({
      resolveUser: (raw: { headers: Record<string, string> }) => {
        calls += 1;
        if (raw.headers['x-user'] === 'explode') throw new Error('session store down');
        return { id: raw.headers['x-user'] ?? null, isAuthenticated: true };
      },
    });
    const ok = recorder.begin(request({ 'x-user': 'u-1' }));
    const okId = recorder.run(ok, () => recorder.captureException(new Error('a')));
    const broken = recorder.begin(request({ 'x-user': 'explode' }));
    const brokenId = recorder.run(broken, () => recorder.captureException(new TypeError('b')));
    await recorder.flush();
    expect((await store.getIncident(okId!))?.userId).toBe('u-1');
    expect((await store.getIncident(brokenId!))?.userId).toBeNull();
    expect(calls).toBe(2);
  });

  it('redacts the query string and keeps the socket address without trustProxy', async () => {
    const { recorder, store } = await setup();
    const scope = recorder.begin(request({ 'x-forwarded-for': '203.0.113.5' }));
    const id = recorder.run(scope, () => recorder.captureException(new Error('x')));
    await recorder.flush();
    expect(await store.getIncident(id!)).toMatchObject({
      queryString: 'token=[REDACTED]',
      ipAddress: '10.0.0.7',
    });
  });
});

describe('request context', () => {
  it('throws a clear error outside a request', () => {
    expect(() => getRequestContext()).toThrow(BlackboxError);
    expect(() => getRequestContext()).toThrow(/outside a request/);
  });
});

describe('a connection error', () => {
  const reset = () => Object.assign(new Error('aborted'), { code: 'ECONNRESET' });

  it('is an incident while the client is still connected (an upstream call was reset)', async () => {
    const { recorder, store } = await setup();
    const scope = recorder.begin({ ...request(), clientGone: () => false });
    expect(scope.error(reset(), { headersSent: false }).action).toBe('respond');
    await recorder.flush();
    expect((await store.listIncidents({})).results).toHaveLength(1);
  });

  it('is no incident once the client has left, even after the response closed', async () => {
    const { recorder, store } = await setup();
    const scope = recorder.begin({ ...request(), clientGone: () => true });
    scope.finish({ status: 200, aborted: true });
    expect(scope.error(reset(), { headersSent: false }).action).not.toBe('respond');
    // Any other error is still the server's, client gone or not.
    const other = recorder.begin({ ...request(), clientGone: () => true });
    expect(other.error(new Error('bug'), { headersSent: false }).action).toBe('respond');
    await recorder.flush();
    expect((await store.listIncidents({})).results).toHaveLength(1);
  });
});
