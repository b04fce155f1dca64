import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The contract suite's 'nestjs 11 …' entries run the example with test/support/nest11-loader.mjs;
// this proves that loader really puts NestJS 11 under the example (not the project's Nest 12).
describe('the NestJS 11 fixture', () => {
  it('resolves every @nestjs package to version 11', () => {
    const script = `
      const read = async (name) => (await import(name + '/package.json', { with: { type: 'json' } })).default.version;
      const names = ['@nestjs/core', '@nestjs/common', '@nestjs/platform-express', '@nestjs/platform-fastify'];
      console.log(JSON.stringify(await Promise.all(names.map(read))));`;
    const output = execFileSync(
      process.execPath,
      ['--import', './test/support/nest11-loader.mjs', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    const versions = JSON.parse(output) as string[];
    expect(versions.map((version) => version.split('.')[0])).toEqual(['11', '11', '11', '11']);
  });
});
