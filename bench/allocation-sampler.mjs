// Loaded into a bench app with `node --import` by bench/allocations.mjs: V8's sampling heap
// profiler, started and stopped on the driver's messages. Objects the garbage collector has
// already freed are kept in the samples, so the profile is what was allocated, not what is
// still alive (which is all `node --heap-prof` reports).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

const session = new Session();
session.connect();

process.on('message', async (message) => {
  if (message?.samplingStart) {
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: message.samplingStart,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    process.send?.({ samplingStarted: true });
  } else if (message?.samplingStop) {
    const { profile } = await session.post('HeapProfiler.stopSampling');
    writeFileSync(message.samplingStop, JSON.stringify(profile));
    process.send?.({ samplingStopped: true });
  }
});
