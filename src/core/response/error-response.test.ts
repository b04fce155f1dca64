import { describe, it, expect } from 'vitest';
import { buildErrorResponse, type ErrorResponseSettings } from './error-response.js';

const settings = (overrides: Partial<ErrorResponseSettings> = {}): ErrorResponseSettings => ({
  genericErrorMessage: 'Internal server error',
  includeIncidentIdInBody: true,
  customErrorFormat: undefined,
  errorFormat: 'json',
  renderErrorPage: undefined,
  ...overrides,
});
const input = {
  status: 500,
  incidentId: 'INCIDENT-0042',
  requestId: 'req-1',
  path: '/boom',
  method: 'GET',
  html: false,
};

describe('buildErrorResponse', () => {
  it('answers JSON clients with the default body and no-store', () => {
    expect(buildErrorResponse(settings(), input)).toEqual({
      status: 500,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body: '{"detail":"Internal server error","incident_id":"INCIDENT-0042"}',
    });
  });

  it('keeps the status it is given', () => {
    expect(buildErrorResponse(settings(), { ...input, status: 400 }).status).toBe(400);
    expect(buildErrorResponse(settings(), { ...input, status: 503 }).status).toBe(503);
  });

  it('turns a status outside 400–599 into 500', () => {
    for (const status of [200, 302, 600, NaN, 500.5]) {
      expect(buildErrorResponse(settings(), { ...input, status }).status).toBe(500);
    }
  });

  it('answers HTML clients with the built-in page', () => {
    const out = buildErrorResponse(settings(), { ...input, html: true });
    expect(out.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(out.body).toContain('INCIDENT-0042');
    expect(out.body).toContain('Internal server error');
  });

  it('uses the user’s renderer with the page info', () => {
    const seen: unknown[] = [];
    const renderErrorPage = (info: unknown): string => {
      seen.push(info);
      return '<p>custom</p>';
    };
    const out = buildErrorResponse(settings({ renderErrorPage }), { ...input, html: true });
    expect(out.body).toBe('<p>custom</p>');
    expect(seen).toEqual([
      {
        incidentId: 'INCIDENT-0042',
        requestId: 'req-1',
        status: 500,
        message: 'Internal server error',
      },
    ]);
  });

  it('falls back to the built-in page when the renderer throws or returns a non-string', () => {
    const throwing = (): string => {
      throw new Error('template broke: SECRET');
    };
    const wrongType = (() => 42) as unknown as () => string;
    for (const renderErrorPage of [throwing, wrongType]) {
      const out = buildErrorResponse(settings({ renderErrorPage }), { ...input, html: true });
      expect(out.body).toContain('INCIDENT-0042');
      expect(out.body).not.toContain('SECRET');
      expect(out.headers['content-type']).toBe('text/html; charset=utf-8');
    }
  });

  it('sends an empty body for HEAD with the same headers', () => {
    const get = buildErrorResponse(settings(), input);
    const head = buildErrorResponse(settings(), { ...input, method: 'HEAD' });
    expect(head.body).toBe('');
    expect(head.headers).toEqual(get.headers);
    expect(buildErrorResponse(settings(), { ...input, method: 'head', html: true }).body).toBe('');
  });

  it('falls back to the default JSON when the custom format cannot be serialised', () => {
    const out = buildErrorResponse(settings({ customErrorFormat: { n: 10n } }), input);
    expect(out.body).toBe('{"detail":"Internal server error","incident_id":"INCIDENT-0042"}');
  });

  it('sets only content-type and cache-control', () => {
    const out = buildErrorResponse(settings({ errorFormat: 'problem+json' }), input);
    expect(Object.keys(out.headers).sort()).toEqual(['cache-control', 'content-type']);
    expect(out.headers['content-type']).toBe('application/problem+json');
  });
});
