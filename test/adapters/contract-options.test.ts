import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../support/example-app.js';
import { INCIDENT_ID, json, useExample } from '../support/use-example.js';

// The adapter contract, part 2: every capture and response option, each against a real app.
describe.each(ADAPTERS)('$name: options', (adapter) => {
  describe('captureStatusCodes naming 4xx', () => {
    const app = useExample(adapter, { captureStatusCodes: [[500, 599], 404, 403] });

    it('captures a returned 404 and a thrown 403, keeping their status', async () => {
      const notFound = await app().fetch('/not-found');
      expect(notFound.status).toBe(404);
      expect(await notFound.json()).toEqual({ error: 'Not found' });
      expect((await app().incident(notFound.headers.get('x-incident-id'))).httpStatus).toBe(404);
      const forbidden = await app().fetch('/forbidden');
      expect(forbidden.status).toBe(403);
      const incident = await app().incident(forbidden.headers.get('x-incident-id'));
      expect(incident).toMatchObject({ httpStatus: 403, exceptionMessage: 'Forbidden' });
    });
  });

  describe('ignorePaths and ignoreExceptions', () => {
    const app = useExample(adapter, {
      ignorePaths: ['^/boom/'],
      ignoreExceptions: ['TypeError', 'String'],
    });

    it('gives an ignored path no ID and no incident', async () => {
      const response = await app().fetch('/boom/1');
      expect(response.status).toBe(500);
      expect(response.headers.get('x-incident-id')).toBeNull();
      expect(response.headers.get('x-request-id')).toBeTruthy();
    });

    it('gives an ignored exception no incident, not even from its 500 response', async () => {
      const response = await app().fetch('/throw-string');
      expect(response.status).toBe(500);
      expect(response.headers.get('x-incident-id')).toBeNull();
      const captured = await app().fetch('/boom');
      expect(captured.headers.get('x-incident-id')).toMatch(INCIDENT_ID);
      const paths = (await app().incidents(1)).map((incident) => incident.path);
      expect(paths).toEqual(['/boom']);
    });
  });

  describe('sampleRate 0', () => {
    const app = useExample(adapter, { sampleRate: 0 });

    it('captures nothing and hands out no ID', async () => {
      for (const path of ['/boom', '/bad-gateway']) {
        const response = await app().fetch(path);
        expect(response.headers.get('x-incident-id')).toBeNull();
      }
      expect(await app().incidents()).toEqual([]);
    });
  });

  describe('enabled false', () => {
    const app = useExample(adapter, { enabled: false });

    it('captures nothing but still sends X-Request-ID', async () => {
      const response = await app().fetch('/boom');
      expect(response.status).toBe(500);
      expect(response.headers.get('x-incident-id')).toBeNull();
      expect(response.headers.get('x-request-id')).toBeTruthy();
    });
  });

  describe('return400InsteadOf500 with a nested customErrorFormat', () => {
    const app = useExample(adapter, {
      return400InsteadOf500: true,
      customErrorFormat: {
        status: 500,
        error: {
          message: 'Ask support about <incident_id> (<incident_id>)',
          codes: ['<incident_id>', 7],
        },
      },
    });

    it('answers 400 with the placeholder replaced at every depth', async () => {
      const response = await app().fetch('/boom');
      expect(response.status).toBe(400);
      const id = response.headers.get('x-incident-id');
      expect(id).toMatch(INCIDENT_ID);
      expect(await response.json()).toEqual({
        status: 500,
        error: { message: `Ask support about ${id} (${id})`, codes: [id, 7] },
        incident_id: id,
      });
      expect((await app().incident(id)).httpStatus).toBe(500);
    });

    it('leaves a returned 502 as it is', async () => {
      const response = await app().fetch('/bad-gateway');
      expect(response.status).toBe(502);
      expect(await response.text()).toBe('Upstream error');
    });
  });

  describe('problem+json, prefix and no ID in body', () => {
    const app = useExample(adapter, { errorFormat: 'problem+json', incidentIdPrefix: 'ERR-' });

    it('answers RFC 9457 problem details', async () => {
      const response = await app().fetch('/boom', { headers: { 'x-request-id': 'problem-1' } });
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const id = response.headers.get('x-incident-id');
      expect(id).toMatch(/^ERR-\d{4,}$/);
      expect(await response.json()).toMatchObject({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        instance: '/boom',
        incident_id: id,
        request_id: 'problem-1',
      });
    });
  });

  describe('includeIncidentIdInBody false and exposeJsonErrorBody false', () => {
    const noId = useExample(adapter, { includeIncidentIdInBody: false });
    const noJson = useExample(adapter, { exposeJsonErrorBody: false });

    it('keeps the ID in the header only', async () => {
      const response = await noId().fetch('/boom');
      expect(response.headers.get('x-incident-id')).toMatch(INCIDENT_ID);
      expect(Object.keys(await response.json())).toEqual(['detail']);
    });

    it('leaves the body to the framework but still sends the ID', async () => {
      const response = await noJson().fetch('/boom');
      expect(response.status).toBe(500);
      // The framework's own body (HTML on Express, JSON on Fastify), never ours.
      const body = await response.text();
      expect(body).not.toContain('incident_id');
      expect(body).not.toContain("We've logged it");
      expect(response.headers.get('x-incident-id')).toMatch(INCIDENT_ID);
    });
  });

  describe('dedupWindowSeconds 0', () => {
    const app = useExample(adapter, { dedupWindowSeconds: 0 });

    it('gives every occurrence its own incident', async () => {
      const first = await app().fetch('/boom');
      const second = await app().fetch('/boom');
      expect(first.headers.get('x-incident-id')).not.toBe(second.headers.get('x-incident-id'));
      expect((await app().incident(second.headers.get('x-incident-id'))).occurrenceCount).toBe(1);
    });
  });

  describe('request data and redaction', () => {
    // A zero window keeps each /echo occurrence in its own incident, with its own request data.
    const app = useExample(adapter, { maxBodyBytes: 64, trustProxy: false, dedupWindowSeconds: 0 });

    it('stores the body the app parsed with secrets masked before truncation', async () => {
      const response = await app().fetch('/echo?token=abc123&page=2', {
        ...json({
          password: 'hunter2-secret',
          user: { Access_Token: 'tok-1' },
          note: 'n'.repeat(200),
        }),
        headers: {
          'content-type': 'application/json',
          authorization: 'Bearer very-secret',
          cookie: 'sid=cookie-secret',
          'x-forwarded-for': '203.0.113.9',
          'x-user-id': 'user-42',
          'user-agent': 'contract-suite',
        },
      });
      expect(response.status).toBe(500);
      const incident = await app().incident(response.headers.get('x-incident-id'));
      const stored = JSON.stringify(incident);
      for (const secret of ['hunter2-secret', 'tok-1', 'very-secret', 'cookie-secret', 'abc123']) {
        expect(stored).not.toContain(secret);
      }
      expect(incident.headers.authorization).toBe('[REDACTED]');
      expect(incident.queryString).toBe('token=[REDACTED]&page=2');
      expect(incident.bodyPreview).toMatch(/^\{"password":"\[REDACTED\]"/);
      expect(
        Buffer.byteLength(incident.bodyPreview!.replace('…[truncated]', '')),
      ).toBeLessThanOrEqual(64);
      expect(incident).toMatchObject({
        ipAddress: '127.0.0.1',
        userId: 'user-42',
        userAgent: 'contract-suite',
      });
      expect(incident.contentType).toBe('application/json');
    });

    it('masks form fields', async () => {
      const response = await app().fetch('/echo', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'user=ann&password=form-secret',
      });
      const incident = await app().incident(response.headers.get('x-incident-id'));
      expect(incident.bodyPreview).not.toContain('form-secret');
      expect(incident.bodyPreview).toContain('ann');
    });
  });

  describe('redactSensitiveData false', () => {
    const app = useExample(adapter, { redactSensitiveData: false });

    it('stores originals', async () => {
      const response = await app().fetch('/echo', {
        ...json({ password: 'kept-as-sent' }),
        headers: { 'content-type': 'application/json', authorization: 'Bearer kept' },
      });
      const incident = await app().incident(response.headers.get('x-incident-id'));
      expect(incident.headers.authorization).toBe('Bearer kept');
      expect(incident.bodyPreview).toContain('kept-as-sent');
    });
  });
});
