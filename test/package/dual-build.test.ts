import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as PublicApi from '../../src/index.js';
import { activityRecord } from '../stores/store-fixtures.js';

// The packed build, as users load it: ESM and CommonJS side by side (NestJS apps are often CJS).
const require = createRequire(import.meta.url);
type Api = typeof PublicApi;
// Paths held in variables, so the test loads the built files rather than letting Vite resolve them.
const esmIndex: string = '../../dist/index.js';
const esmExpress: string = '../../dist/adapters/express/index.js';
const loadEsm = () => import(esmIndex) as Promise<Api>;
const loadCjs = () => require('../../dist/index.cjs') as Api;

const PUBLIC_NAMES = [
  'Blackbox',
  'BlackboxError',
  'DEFAULT_REDACT_FIELDS',
  'DEFAULT_REDACT_HEADERS',
  'NodeRequestBody',
  'ServerIncident',
  'WebRequestBody',
  'blackboxSchemaSql',
  'closedScopeOf',
  'createBlackbox',
  'createKyselyStore',
  'createMemoryStore',
  'finishWebResponse',
  'fromNodeRequest',
  'fromWebRequest',
  'getRequestContext',
  'isConnectionLost',
  'migrateBlackbox',
  'openStore',
  'plainErrorResponse',
  'pruneByAge',
  'scopeOf',
  'sendNodeResponse',
  'setActivityChange',
  'trackChange',
  'trackNodeResponse',
  'tryGetRequestContext',
  'webErrorResponse',
];

describe('the published build', () => {
  it('exports the same public names from ESM and CommonJS', async () => {
    const esm = await loadEsm();
    expect(Object.keys(esm).sort()).toEqual(PUBLIC_NAMES);
    expect(Object.keys(loadCjs()).sort()).toEqual(PUBLIC_NAMES);
  });

  it('shares one request context between the two builds', async () => {
    const esm = await loadEsm();
    const cjs = loadCjs();
    const recorder = esm.createBlackbox({
      store: 'memory:',
      logger: { warn: () => {}, error: () => {} },
    });
    const scope = recorder.begin({
      method: 'GET',
      url: '/x',
      headers: { 'x-request-id': 'shared-1' },
      remoteAddress: undefined,
    });
    const seen = recorder.run(scope, () => cjs.getRequestContext().requestId);
    expect(seen).toBe('shared-1');
    expect(cjs.tryGetRequestContext()).toBeUndefined();
    await recorder.close();
  });

  it('loads the Express adapter from both builds', async () => {
    const esm = (await import(esmExpress)) as Record<string, unknown>;
    const cjs = require('../../dist/adapters/express/index.cjs') as Record<string, unknown>;
    expect(Object.keys(esm).sort()).toEqual(['blackbox', 'blackboxErrorHandler']);
    expect(Object.keys(cjs).sort()).toEqual(['blackbox', 'blackboxErrorHandler']);
  });

  it.each([
    ['ESM', loadEsm],
    ['CommonJS', async () => loadCjs()],
  ])('finds the SQLite activity thread from the %s build', async (_, load) => {
    const { openStore } = await load();
    const dir = await mkdtemp(join(tmpdir(), 'blackbox-build-'));
    // A started worker thread shows as one more MessagePort among the process's resources.
    const ports = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
    const before = ports();
    const store = openStore(`sqlite:${join(dir, 'b.sqlite')}`, { activityThread: true });
    await store.open();
    expect(ports()).toBe(before + 1);
    await store.writeActivities([activityRecord({ requestId: 'through-the-thread' })]);
    const { results } = await store.listActivities({ requestId: 'through-the-thread' });
    expect(results).toHaveLength(1);
    await store.close();
    expect(ports()).toBe(before);
    await rm(dir, { recursive: true, force: true });
  });
});
