// The thread behind `withSqliteActivityThread`: its own connection to the app's SQLite file,
// writing the activity batches the app's thread posts. Built as an entry of its own
// (dist/sqlite-activity-worker.js and .cjs).
import { parentPort, workerData } from 'node:worker_threads';
import { createKyselyStore } from '../kysely/kysely-store.js';
import { unpackActivities } from './activity-hand-over.js';
import { createSqliteKysely } from './sqlite-connect.js';
import type { ActivityThreadReply, ActivityThreadRequest } from './sqlite-activity-thread.js';
import type { PackedActivities } from './activity-hand-over.js';

const { path, description } = workerData as { path: string; description: string };
// The app's thread migrated the file before its first activity batch reached us.
const store = createKyselyStore({
  db: createSqliteKysely(path, { tempFilesInMemory: true }),
  dialect: 'sqlite',
  ownsDb: true,
  migrate: false,
  description,
});

parentPort?.on('message', (message: ActivityThreadRequest) => {
  if (message.kind === 'close') {
    void store.close().finally(() => parentPort?.close());
    return;
  }
  void write(message.id, message.batch);
});

async function write(id: number, batch: PackedActivities): Promise<void> {
  let reply: ActivityThreadReply;
  try {
    await store.writeActivities(unpackActivities(batch));
    reply = { id };
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    reply = { id, error: { code: code ?? 'store_failed', message: message ?? String(error) } };
  }
  parentPort?.postMessage(reply);
}
