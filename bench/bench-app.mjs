// One app for the overhead benchmark, in its own process so the load generator does not share
// its event loop:
//   node bench/bench-app.mjs bare|instrumented|no-activity|pino-http <sqlite> <fallback> [log]
// pino-http is there for scale: one JSON log line per request to a file, in pino's own fast
// set-up (asynchronous destination), which is what teams without a flight recorder use.
import express from 'express';
import { pinoHttp } from 'pino-http';
import pino from 'pino';
import { blackbox, blackboxErrorHandler } from '../dist/adapters/express/index.js';

const [mode, sqliteFile, fallbackFile, logFile] = process.argv.slice(2);
const app = express();
const logDestination =
  mode === 'pino-http' ? pino.destination({ dest: logFile, sync: false }) : undefined;
if (logDestination) app.use(pinoHttp({ logger: pino(logDestination) }));
const recorder =
  mode === 'bare' || mode === 'pino-http'
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
  logDestination?.flushSync();
  process.send?.({ stats: recorder?.blackbox.stats() ?? null });
  server.close(() => process.exit(0));
});
