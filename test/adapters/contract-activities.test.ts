import { describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { ADAPTERS } from '../support/example-app.js';
import { exchange } from '../support/raw-exchange.js';
import { json, useExample } from '../support/use-example.js';

// The adapter contract, part 4: one activity row per request, as sent, with change tracking.
describe.each(ADAPTERS)('$name: activities', (adapter) => {
  describe('default options', () => {
    const app = useExample(adapter);

    it.each([
      ['GET', '/ok', 200],
      ['GET', '/redirect', 301],
      ['GET', '/not-found', 404],
      ['GET', '/boom', 500],
      ['HEAD', '/ok', 200],
    ])('records %s %s with status %i', async (method, path, status) => {
      const response = await app().fetch(path, { method });
      expect(response.status).toBe(status);
      const activity = await app().activity(response.headers.get('x-request-id'));
      expect(activity).toMatchObject({ method, path, httpStatus: status, aborted: false });
      expect(activity.responseTimeMs).toBeGreaterThanOrEqual(0);
    });

    it('records a 304 and a validation error exactly', async () => {
      const cached = await app().fetch('/cached', {
        headers: { 'if-none-match': '"v1"', 'cache-control': 'max-age=0' },
      });
      expect((await app().activity(cached.headers.get('x-request-id'))).httpStatus).toBe(304);
      const invalid = await app().fetch('/validate', json({}));
      expect((await app().activity(invalid.headers.get('x-request-id'))).httpStatus).toBe(
        invalid.status,
      );
    });

    it('stores route, full path with the query redacted, user and headers', async () => {
      const response = await app().fetch('/boom/77777?token=t-secret&x=1', {
        headers: { 'x-user-id': 'user-7', authorization: 'Bearer a-secret', 'user-agent': 'suite' },
      });
      const activity = await app().activity(response.headers.get('x-request-id'));
      expect(activity).toMatchObject({
        route: '/boom/:id',
        fullPath: '/boom/77777?token=[REDACTED]&x=1',
        userId: 'user-7',
        isAuthenticated: true,
        userAgent: 'suite',
        ipAddress: '127.0.0.1',
        incidentId: response.headers.get('x-incident-id'),
      });
      expect(activity.requestHeaders.authorization).toBe('[REDACTED]');
      expect(activity.responseHeaders['x-incident-id']).toBe(response.headers.get('x-incident-id'));
    });

    it.each([
      // The signature is the part that must never be stored.
      ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.c2lnbmF0dXJl', 'c2lnbmF0dXJl'],
      ['a card number', '4012888888881881', '4012888888881881'], // a Luhn-valid test number
    ])('masks %s in the path, the query and the error', async (_label, secret, hidden) => {
      const response = await app().fetch(`/boom/${secret}?next=${secret}`);
      const activity = await app().activity(response.headers.get('x-request-id'));
      const incidentId = response.headers.get('x-incident-id');
      const incident = (await app().incidents(1)).find((i) => i.incidentId === incidentId);
      expect(activity.fullPath).toBe('/boom/[REDACTED]?next=[REDACTED]');
      // Masked before the fingerprint: both count in the incident of 'boom for item [REDACTED]',
      // whose stored query is the first occurrence's (the same form for both).
      expect(incident).toMatchObject({
        path: '/boom/[REDACTED]',
        queryString: 'next=[REDACTED]',
        exceptionMessage: 'boom for item [REDACTED]',
      });
      expect(JSON.stringify([activity, incident])).not.toContain(hidden);
    });

    it('links first and repeated occurrences to the incident they were counted in', async () => {
      const first = await app().fetch('/boom/10001');
      const second = await app().fetch('/boom/10002');
      const id = first.headers.get('x-incident-id');
      expect((await app().activity(first.headers.get('x-request-id'))).incidentId).toBe(id);
      expect((await app().activity(second.headers.get('x-request-id'))).incidentId).toBe(id);
    });

    it('measures the response time from a monotonic clock', async () => {
      const response = await app().fetch('/slow?ms=60');
      const activity = await app().activity(response.headers.get('x-request-id'));
      expect(activity.responseTimeMs).toBeGreaterThanOrEqual(55);
    });

    it('records an aborted request as aborted, never as 200', async () => {
      const controller = new AbortController();
      const requestId = `aborted-${adapter.name.replace(/\W/g, '')}`;
      const pending = app().fetch('/slow?ms=400', {
        signal: controller.signal,
        headers: { 'x-request-id': requestId },
      });
      setTimeout(() => controller.abort(), 80);
      await expect(pending).rejects.toThrow();
      const activity = await app().activity(requestId);
      expect(activity).toMatchObject({ aborted: true, httpStatus: 499 });
    });

    it('records pipelined requests the client left waiting behind a slow one, once each', async () => {
      // Node never hands the socket to the responses queued behind the slow one, so they never
      // emit 'close' of their own: their rows must still be written, as aborted.
      const tag = adapter.name.replace(/\W/g, '');
      const ids = [`queued-${tag}-1`, `queued-${tag}-2`, `queued-${tag}-3`];
      const paths = ['/slow?ms=400', '/ok', '/ok?n=3'];
      const { hostname, port } = new URL(app().url);
      await new Promise<void>((resolve, reject) => {
        const socket = connect(Number(port), hostname, () => {
          const head = (path: string, i: number) =>
            `GET ${path} HTTP/1.1\r\nHost: x\r\nX-Request-ID: ${ids[i]}\r\n\r\n`;
          socket.write(paths.map(head).join(''));
          setTimeout(() => resolve(void socket.destroy()), 80);
        });
        socket.on('error', reject);
      });
      const rows = [];
      for (const requestId of ids) rows.push(await app().activity(requestId));
      const aborted = { aborted: true, httpStatus: 499 };
      // A web Response counts as sent once the server has read it, as the queued two were.
      const queued = adapter.webResponses ? { aborted: false, httpStatus: 200 } : aborted;
      expect(rows).toMatchObject([aborted, queued, queued]);
      const stored = (await app().activities()).filter((row) => ids.includes(row.requestId));
      expect(stored).toHaveLength(3);
    });

    it('records a client that leaves mid-upload as aborted, without an incident', async () => {
      const requestId = `half-upload-${adapter.name.replace(/\W/g, '')}`;
      const { hostname, port } = new URL(app().url);
      await new Promise<void>((resolve, reject) => {
        const socket = connect(Number(port), hostname, () => {
          socket.write(`POST /items HTTP/1.1\r\nHost: x\r\nX-Request-ID: ${requestId}\r\n`);
          socket.write('Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"na');
          // Long enough for the body parser to be waiting for the rest of the body.
          setTimeout(() => resolve(void socket.destroy()), 80);
        });
        socket.on('error', reject);
      });
      const activity = await app().activity(requestId);
      expect(activity).toMatchObject({ method: 'POST', aborted: true, httpStatus: 499 });
      // A later failure is stored after it, so by then an incident for the upload would be too.
      const later = await app().fetch('/boom/31337');
      await app().activity(later.headers.get('x-request-id'));
      const incidents = await app().incidents(1);
      expect(incidents.filter((incident) => incident.requestId === requestId)).toEqual([]);
      expect(incidents.filter((incident) => incident.lastRequestId === requestId)).toEqual([]);
    });

    it('keeps pipelined requests on one connection apart', async () => {
      // Node parses the next request while the previous response is still pending.
      const tag = adapter.name.replace(/\W/g, '');
      const sent = [
        ['/ok', `pipe-${tag}-1`, 200],
        ['/boom/4242', `pipe-${tag}-2`, 500],
        ['/ok?n=3', `pipe-${tag}-3`, 200],
      ] as const;
      const raw = await exchange(
        app().url,
        sent
          .map(([path, id], i) => {
            const last = i === sent.length - 1 ? 'Connection: close\r\n' : '';
            return `GET ${path} HTTP/1.1\r\nHost: x\r\nX-Request-ID: ${id}\r\n${last}\r\n`;
          })
          .join(''),
      );
      // A body has no line end of its own: the next status line follows it on the same line.
      const statuses = [...raw.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
      const ids = [...raw.matchAll(/^x-request-id: (.+?)\r$/gim)].map((m) => m[1]);
      expect(statuses).toEqual(sent.map(([, , status]) => status));
      expect(ids).toEqual(sent.map(([, id]) => id));
      for (const [path, id, status] of sent) {
        const activity = await app().activity(id);
        expect(activity).toMatchObject({ fullPath: path, httpStatus: status, aborted: false });
      }
      const incident = (await app().incidents(1)).find((i) => i.lastRequestId === sent[1][1]);
      expect(incident?.path).toBe('/boom/4242');
    });

    it('treats an upgrade nobody takes as a request, and survives a CONNECT', async () => {
      // No WebSocket server is attached: Node hands the upgrade to the app like any GET. A
      // CONNECT with no 'connect' listener has its connection closed by Node, before any app.
      const id = `upgrade-${adapter.name.replace(/\W/g, '')}`;
      const upgrade = await exchange(
        app().url,
        `GET /ok HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, close\r\nUpgrade: websocket\r\n` +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n` +
          `X-Request-ID: ${id}\r\n\r\n`,
      );
      expect(upgrade).toMatch(/^HTTP\/1\.1 200 /);
      const activity = await app().activity(id);
      expect(activity).toMatchObject({ path: '/ok', httpStatus: 200, aborted: false });
      expect(activity.requestHeaders.upgrade).toBe('websocket');
      await exchange(
        app().url,
        'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
      );
      expect((await app().fetch('/ok')).status).toBe(200);
    });

    it('does not record ignored paths', async () => {
      const response = await app().fetch('/health');
      const requestId = response.headers.get('x-request-id');
      // Rows are written in request order: once a later request's row is there, so would be this.
      const later = await app().fetch('/ok');
      await app().activity(later.headers.get('x-request-id'));
      const rows = await app().activities();
      expect(rows.some((row) => row.requestId === requestId)).toBe(false);
    });

    it('keeps response bodies out by default', async () => {
      const response = await app().fetch('/ok');
      expect((await app().activity(response.headers.get('x-request-id'))).responseBody).toBeNull();
    });

    it('tracks create, update and delete with the exact diff', async () => {
      const created = await app().fetch('/items', json({ name: 'lamp', price: 20 }));
      expect(created.status).toBe(201);
      const item = await created.json();
      const create = await app().activity(created.headers.get('x-request-id'));
      expect(create).toMatchObject({
        action: 'CREATE',
        objectType: 'Item',
        objectId: String(item.id),
        instanceBefore: null,
        instanceAfter: { id: item.id, name: 'lamp', price: 20 },
        instanceDiff: { id: [null, item.id], name: [null, 'lamp'], price: [null, 20] },
      });

      const updated = await app().fetch(`/items/${item.id}`, {
        ...json({ price: 25 }),
        method: 'PATCH',
      });
      expect(updated.status).toBe(200);
      const update = await app().activity(updated.headers.get('x-request-id'));
      expect(update).toMatchObject({
        action: 'UPDATE',
        instanceBefore: { id: item.id, name: 'lamp', price: 20 },
        instanceAfter: { id: item.id, name: 'lamp', price: 25 },
        instanceDiff: { price: [20, 25] },
      });

      const deleted = await app().fetch(`/items/${item.id}`, { method: 'DELETE' });
      expect(deleted.status).toBe(204);
      const remove = await app().activity(deleted.headers.get('x-request-id'));
      expect(remove).toMatchObject({
        action: 'DELETE',
        httpStatus: 204,
        instanceAfter: null,
        instanceDiff: { id: [item.id, null], name: ['lamp', null], price: [25, null] },
      });
    });

    it('tracks a change made after a body that arrived in two parts', async () => {
      // The rest of the body comes in a later packet: the app resumes from the request
      // stream's events, which Node emits outside the request's async context.
      const requestId = `late-body-${adapter.name.replace(/\W/g, '')}`;
      const body = JSON.stringify({ name: 'slow lamp', price: 7 });
      const raw = await exchange(
        app().url,
        `POST /items HTTP/1.1\r\nHost: x\r\nX-Request-ID: ${requestId}\r\nConnection: close\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 9)}`,
        body.slice(9),
      );
      expect(raw).toMatch(/^HTTP\/1\.1 201 /);
      expect(await app().activity(requestId)).toMatchObject({
        action: 'CREATE',
        objectType: 'Item',
        instanceAfter: { name: 'slow lamp', price: 7 },
      });
    });
  });

  describe('response bodies on, with a custom redacted field', () => {
    const app = useExample(adapter, {
      activity: { storeResponseBody: true },
      redactFields: ['price'],
    });

    it('stores the response body redacted', async () => {
      const response = await app().fetch('/items', json({ name: 'desk', price: 99 }));
      const activity = await app().activity(response.headers.get('x-request-id'));
      expect(JSON.parse(activity.responseBody!)).toMatchObject({
        name: 'desk',
        price: '[REDACTED]',
      });
      expect(activity.instanceAfter).toMatchObject({ price: '[REDACTED]' });
      expect(JSON.parse(activity.requestBody!)).toEqual({ name: 'desk', price: '[REDACTED]' });
    });

    it('masks a card number under a harmless key in the bodies and the change', async () => {
      const card = '4012888888881881'; // a Luhn-valid test number
      const response = await app().fetch('/items', json({ name: `desk ${card}`, price: 1 }));
      const activity = await app().activity(response.headers.get('x-request-id'));
      expect(JSON.parse(activity.requestBody!)).toMatchObject({ name: 'desk [REDACTED]' });
      expect(JSON.parse(activity.responseBody!)).toMatchObject({ name: 'desk [REDACTED]' });
      expect(activity.instanceAfter).toMatchObject({ name: 'desk [REDACTED]' });
      expect(JSON.stringify(activity)).not.toContain(card);
    });
  });

  describe('activity sampling and switches', () => {
    const none = useExample(adapter, { activity: { sampleRate: 0 } });
    const off = useExample(adapter, { activity: { enabled: false } });

    it('records nothing with sampleRate 0 or enabled false', async () => {
      await none().fetch('/ok');
      await off().fetch('/ok');
      expect(await none().activities()).toEqual([]);
      expect(await off().activities()).toEqual([]);
    });
  });
});
