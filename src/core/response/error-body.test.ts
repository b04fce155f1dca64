import { describe, it, expect } from 'vitest';
import {
  buildJsonBody,
  JSON_CONTENT_TYPE,
  PROBLEM_CONTENT_TYPE,
  type ErrorBodySettings,
} from './error-body.js';

const settings = (overrides: Partial<ErrorBodySettings> = {}): ErrorBodySettings => ({
  genericErrorMessage: 'Internal server error',
  includeIncidentIdInBody: true,
  customErrorFormat: undefined,
  errorFormat: 'json',
  ...overrides,
});
const input = {
  status: 500,
  incidentId: 'INCIDENT-0001',
  requestId: 'req-1',
  path: '/boom?token=secret',
};
const parsed = (body: string): unknown => JSON.parse(body);

describe('buildJsonBody', () => {
  it('builds the default body', () => {
    const out = buildJsonBody(settings(), input);
    expect(out.contentType).toBe(JSON_CONTENT_TYPE);
    expect(out.body).toBe('{"detail":"Internal server error","incident_id":"INCIDENT-0001"}');
  });

  it('leaves incident_id out when includeIncidentIdInBody is false', () => {
    expect(parsed(buildJsonBody(settings({ includeIncidentIdInBody: false }), input).body)).toEqual(
      {
        detail: 'Internal server error',
      },
    );
  });

  it('fills a custom format at any depth and adds incident_id at the top', () => {
    const customErrorFormat = {
      error: { code: 'E500', ref: ['id <incident_id> / <incident_id>'] },
      status: 500,
    };
    expect(parsed(buildJsonBody(settings({ customErrorFormat }), input).body)).toEqual({
      error: { code: 'E500', ref: ['id INCIDENT-0001 / INCIDENT-0001'] },
      status: 500,
      incident_id: 'INCIDENT-0001',
    });
  });

  it('does not duplicate or overwrite an incident_id the custom format has', () => {
    const out = buildJsonBody(
      settings({ customErrorFormat: { incident_id: 'ref: <incident_id>' } }),
      input,
    );
    expect(out.body).toBe('{"incident_id":"ref: INCIDENT-0001"}');
  });

  it('does not add incident_id to a custom format when IDs are excluded', () => {
    const out = buildJsonBody(
      settings({ customErrorFormat: { msg: 'x' }, includeIncidentIdInBody: false }),
      input,
    );
    expect(parsed(out.body)).toEqual({ msg: 'x' });
  });

  it('falls back to the default body when the custom format has a BigInt or a cycle', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    for (const customErrorFormat of [
      { n: 1n },
      cyclic,
      {
        t: {
          toJSON: (): never => {
            throw new Error('x');
          },
        },
      },
    ]) {
      const out = buildJsonBody(settings({ customErrorFormat }), input);
      expect(out).toEqual({
        contentType: JSON_CONTENT_TYPE,
        body: '{"detail":"Internal server error","incident_id":"INCIDENT-0001"}',
      });
    }
  });

  it('builds an RFC 9457 problem document without the query string', () => {
    const out = buildJsonBody(settings({ errorFormat: 'problem+json' }), { ...input, status: 503 });
    expect(out.contentType).toBe(PROBLEM_CONTENT_TYPE);
    expect(parsed(out.body)).toEqual({
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail: 'Internal server error',
      instance: '/boom',
      incident_id: 'INCIDENT-0001',
      request_id: 'req-1',
    });
  });

  it('uses the custom format with the problem content type when both are set', () => {
    const out = buildJsonBody(
      settings({ errorFormat: 'problem+json', customErrorFormat: { title: 'x' } }),
      input,
    );
    expect(out.contentType).toBe(PROBLEM_CONTENT_TYPE);
    expect(parsed(out.body)).toEqual({ title: 'x', incident_id: 'INCIDENT-0001' });
  });
});
