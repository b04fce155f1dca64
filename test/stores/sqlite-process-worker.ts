// Run by sqlite-processes.test.ts in a child process (bundled by esbuild): one "app process"
// that waits for the parent's go, then opens the shared file and flushes like the core would.
import { openStore } from '../../src/stores/open-store.js';
import { occurrences } from './store-fixtures.js';

const [file, name] = process.argv.slice(2);

async function work(): Promise<void> {
  const store = openStore(`sqlite:${file}`);
  await store.open(); // every process migrates at once on a fresh file
  const blocks: number[] = [];
  const merged: string[] = [];
  for (let i = 0; i < 25; i += 1) {
    blocks.push(await store.reserveIncidentNumbers(4));
    const batch = occurrences({
      record: { incidentId: `${name}-${i}` },
      count: 2,
      firstSeenAt: Date.now(),
      lastSeenAt: Date.now(),
    });
    const [result] = await store.writeIncidents([batch], { dedupWindowMs: 60_000 });
    merged.push(result!.incidentId);
  }
  await store.close();
  process.send!({ blocks, merged });
}

process.once('message', () => {
  work().catch((error: unknown) => {
    process.send!({ error: String(error) });
  });
});
process.send!('ready');
