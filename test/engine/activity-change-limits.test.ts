import { afterEach, describe, expect, it } from 'vitest';
import { setActivityChange, type Blackbox, type BlackboxOptions } from '../../src/index.js';
import { memoryRecorder } from '../support/memory-recorder.js';

// Change tracking stores what the app hands over: a huge `before` must not become a row no
// database takes (MySQL's packet limit, its mediumtext) and with it a failed batch.
let recorder: Blackbox | undefined;
afterEach(async () => {
  await recorder?.close();
  recorder = undefined;
});

async function recordChange(
  change: Parameters<typeof setActivityChange>[0],
  options: BlackboxOptions = {},
) {
  const memory = await memoryRecorder(options);
  recorder = memory.recorder;
  const scope = recorder.begin({
    method: 'PATCH',
    url: '/items/1',
    headers: {},
    remoteAddress: '127.0.0.1',
  });
  recorder.run(scope, () => setActivityChange(change));
  scope.finish({ status: 200, aborted: false });
  const [activity] = await memory.activities(1);
  return activity;
}

const marker = (bytes: number, limit = 65_536) =>
  `[Truncated: ${bytes} bytes of JSON, over activity.maxChangeBytes (${limit})]`;

describe('change tracking size limit', () => {
  it('replaces a column over activity.maxChangeBytes with a marker giving its size', async () => {
    const before = { name: 'x'.repeat(100_000) };
    const activity = await recordChange({ before, after: { name: 'short' } });
    const beforeBytes = JSON.stringify(before).length;
    expect(activity?.instanceBefore).toBe(marker(beforeBytes));
    expect(activity?.instanceAfter).toEqual({ name: 'short' });
    // The diff is computed from the whole values, then limited like the others.
    const diffBytes = JSON.stringify({ name: [before.name, 'short'] }).length;
    expect(activity?.instanceDiff).toBe(marker(diffBytes));
  });

  it('counts UTF-8 bytes and applies to the custom payload and extra too', async () => {
    const activity = await recordChange(
      { customAction: 'Export', customPayload: { note: 'é'.repeat(40) }, extra: { ok: 1 } },
      { activity: { maxChangeBytes: 64 } },
    );
    expect(activity?.customPayload).toBe(
      marker(JSON.stringify({ note: 'é'.repeat(40) }).length + 40, 64),
    );
    expect(activity?.extra).toEqual({ ok: 1 });
  });

  it('keeps values at the limit whole', async () => {
    const after = { name: 'y'.repeat(20) };
    const limit = JSON.stringify(after).length;
    const activity = await recordChange({ after }, { activity: { maxChangeBytes: limit } });
    expect(activity?.instanceAfter).toEqual(after);
  });

  it('rejects a negative limit at start-up', async () => {
    await expect(memoryRecorder({ activity: { maxChangeBytes: -1 } })).rejects.toThrow(
      /maxChangeBytes/,
    );
  });
});
