import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBlackbox,
  createMemoryStore,
  setActivityChange,
  type StoredActivity,
} from '../../src/index.js';
import { blackbox, blackboxErrorHandler } from '../../src/adapters/express/index.js';
import { listen } from '../support/listen.js';

// Hostile input on the activity path: the request still succeeds and its row is still written
// with what could be captured. A real Express app on a real socket, recording into memory.
const store = createMemoryStore();
const recorder = createBlackbox({
  store,
  flushIntervalMs: 10,
  logger: { warn: () => {}, error: () => {} },
});
let url = '';
let close: () => Promise<void>;

beforeAll(async () => {
  await recorder.ready();
  const app = express();
  app.use(blackbox(recorder));
  app.use(express.json({ limit: '20mb' }), express.text({ type: 'text/plain', limit: '20mb' }));
  app.post('/hostile-before', (_req, res) => {
    const circular: Record<string, unknown> = { name: 'loop', password: 'circular-secret' };
    circular.self = circular;
    const throwing = Object.defineProperty({ id: 1 }, 'broken', {
      enumerable: true,
      get: () => {
        throw new Error('getter exploded');
      },
    });
    setActivityChange({ before: throwing, after: circular, action: 'UPDATE' });
    res.json({ ok: true });
  });
  app.post('/accept', (_req, res) => void res.json({ ok: true }));
  app.use(blackboxErrorHandler());
  ({ url, close } = await listen(app));
});

afterAll(async () => {
  await close();
  await recorder.close();
});

async function activityOf(requestId: string): Promise<StoredActivity> {
  for (let attempt = 0; attempt < 100; attempt++) {
    await recorder.flush();
    const [row] = (await store.listActivities({ requestId })).results;
    if (row) return row;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no activity for ${requestId}`);
}

const post = (path: string, requestId: string, body: BodyInit, type: string) =>
  fetch(url + path, {
    method: 'POST',
    body,
    headers: { 'content-type': type, 'x-request-id': requestId },
  });

describe('activities under hostile input', () => {
  it('stores a before with a throwing getter and a circular after, redacted', async () => {
    const response = await post('/hostile-before', 'hostile-1', '{}', 'application/json');
    expect(response.status).toBe(200);
    const row = await activityOf('hostile-1');
    expect(row.instanceBefore).toEqual({ id: 1, broken: '[Unreadable]' });
    expect(row.instanceAfter).toMatchObject({
      name: 'loop',
      password: '[REDACTED]',
      self: '[Circular]',
    });
    expect(JSON.stringify(row)).not.toContain('circular-secret');
  });

  it('records a 10 MB body as a capped preview', async () => {
    const big = JSON.stringify({ blob: 'x'.repeat(10 * 1024 * 1024) });
    const response = await post('/accept', 'big-1', big, 'application/json');
    expect(response.status).toBe(200);
    const row = await activityOf('big-1');
    expect(Buffer.byteLength(row.requestBody!)).toBeLessThanOrEqual(2048 + 20);
    expect(row.requestBody).toContain('…[truncated]');
  });

  it('records invalid JSON with the status the parser answered', async () => {
    const response = await post('/accept', 'invalid-1', '{"broken":', 'application/json');
    expect(response.status).toBe(400);
    const row = await activityOf('invalid-1');
    expect(row.httpStatus).toBe(400);
    expect(row.incidentId).toBeNull();
  });

  it('records a non-UTF-8 text body without failing', async () => {
    const bytes = new Uint8Array([0x66, 0x6f, 0x6f, 0xff, 0xfe, 0x00, 0x62]);
    const response = await post('/accept', 'latin-1', bytes, 'text/plain');
    expect(response.status).toBe(200);
    const row = await activityOf('latin-1');
    expect(row.httpStatus).toBe(200);
  });
});
