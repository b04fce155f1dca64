// Runs a process against NestJS 11 (test/fixtures/nest11) instead of the project's own NestJS:
//   node --import ./test/support/nest11-loader.mjs examples/dist/nestjs/main.js
// Every `@nestjs/*` import resolves from the fixture; Nest 11's own requires find each other
// there too, while shared packages (rxjs, reflect-metadata, class-validator) stay the project's.
import { register } from 'node:module';

register('./nest11-hooks.mjs', import.meta.url);
