// One app for the overhead benchmark, in its own process so the load generator does not share
// its event loop: `node bench/bench-app.mjs bare|instrumented|no-activity <sqlite> <fallback>`.
import express from 'express';
import { blackbox, blackboxErrorHandler } from '../dist/adapters/express/index.js';

const [mode, sqliteFile, fallbackFile] = process.argv.slice(2);
const app = express();
const recorder =
  mode === 'bare'
    ? undefined
    : blackbox({
        store: `sqlite:${sqliteFile}`,
        fallbackFilePath: fallbackFile,
        activity: { enabled: mode === 'instrumented' },
      });
if (recorder) app.use(recorder);
app.get('/ok', (_req, res) => res.json({ ok: true }));
if (recorder) app.use(blackboxErrorHandler());
await recorder?.blackbox.ready();

const server = app.listen(0, '127.0.0.1', () => {
  process.send?.({ port: server.address().port });
});
process.on('message', async (message) => {
  if (message !== 'stop') return;
  await recorder?.blackbox.close();
  process.send?.({ stats: recorder?.blackbox.stats() ?? null });
  server.close(() => process.exit(0));
});
