import { afterEach, expect, it } from 'vitest';
import { createBlackbox, createMemoryStore, type Blackbox } from '../../src/index.js';

// The parsed body is read through the adapter's reader, which on Express is a property read
// that misses V8's caches on every request. A body is only ever stored with its content type,
// so a request without one (most GETs) is never asked for it.
const quiet = { warn: () => {}, error: () => {} };
let recorder: Blackbox | undefined;
afterEach(() => recorder?.close());

async function finishedRequest(headers: Record<string, string>, body: unknown) {
  const store = createMemoryStore();
  recorder = createBlackbox({ store, logger: quiet });
  await recorder.ready();
  let reads = 0;
  const scope = recorder.begin({
    method: 'POST',
    url: '/items',
    headers,
    remoteAddress: '127.0.0.1',
    body: () => (reads++, body),
  });
  scope.finish({ status: 201, aborted: false, responseHeaders: {} });
  await recorder.flush();
  const [row] = (await store.listActivities({})).results;
  return { reads, requestBody: row?.requestBody };
}

it('does not read the body of a request without a content type', async () => {
  expect(await finishedRequest({}, { name: 'x' })).toEqual({ reads: 0, requestBody: null });
});

it('reads the body once when there is a content type, and stores it', async () => {
  const headers = { 'content-type': 'application/json' };
  expect(await finishedRequest(headers, { name: 'x' })).toEqual({
    reads: 1,
    requestBody: '{"name":"x"}',
  });
});
