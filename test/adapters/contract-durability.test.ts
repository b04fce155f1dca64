import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/index.js';
import { ADAPTERS, eventually, startExample } from '../support/example-app.js';

const OUTAGE_ID = /^INCIDENT-[0-9A-HJKMNP-TV-Z]{26}$/;

// The adapter contract, part 3: nothing is lost when the store is down or the process stops.
describe.each(ADAPTERS)('$name: durability', (adapter) => {
  it('answers with an outage-namespace ID while the store cannot be opened, and replay makes it resolvable', async () => {
    const app = await startExample(
      adapter,
      {},
      { BLACKBOX_STORE: 'sqlite:/nonexistent-dir/blackbox.sqlite' },
    );
    try {
      const response = await app.fetch('/boom');
      expect(response.status).toBe(500);
      const id = response.headers.get('x-incident-id')!;
      expect(id).toMatch(OUTAGE_ID);
      expect((await response.json()).incident_id).toBe(id);
      const fallback = join(app.dir, 'fallback.jsonl');
      await eventually(
        async () =>
          (existsSync(fallback) && readFileSync(fallback, 'utf8').includes(id)) || undefined,
      );

      const target = `sqlite:${join(app.dir, 'recovered.sqlite')}`;
      const replay = () =>
        execFileSync(
          process.execPath,
          ['dist/cli/main.js', 'replay', fallback, '--store', target],
          { encoding: 'utf8' },
        );
      expect(replay()).toMatch(/applied [1-9]/);
      expect(replay()).toMatch(/applied 0/);
      const store = openStore(target);
      await store.open();
      const incident = await store.getIncident(id);
      await store.close();
      expect(incident).toMatchObject({
        incidentId: id,
        path: '/boom',
        exceptionMessage: 'boom',
        occurrenceCount: 1,
      });
      expect(app.output()).toMatch(/cannot write to sqlite/);
    } finally {
      await app.stop();
    }
  });

  it('flushes pending records on SIGTERM and exits as the signal asks', async () => {
    const app = await startExample(adapter, { flushIntervalMs: 60_000 });
    const response = await app.fetch('/boom');
    const id = response.headers.get('x-incident-id')!;
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      app.process.once('exit', (_code, signal) => resolve(signal)),
    );
    app.process.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    const store = openStore(app.storeUrl);
    await store.open();
    const incident = await store.getIncident(id);
    await store.close();
    await app.stop(); // exited already: removes its files
    expect(incident?.exceptionMessage).toBe('boom');
  });
});
