import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  Header,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Redirect,
  Res,
  ValidationPipe,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Blackbox } from 'http-blackbox/nestjs';
import { sleep, slowMs } from '../_shared/items.js';
import { nodeResponseOf, replyWith } from './reply.js';
import { ValidateBody } from './validate-body.js';

/** Every conformance route of DESIGN.md except /items, written as a Nest user would. */
@Controller()
export class ConformanceController {
  constructor(
    @Inject(Blackbox) private readonly blackbox: Blackbox,
    @Inject(HttpAdapterHost) private readonly http: HttpAdapterHost,
  ) {}

  @Get('ok')
  ok() {
    return { ok: true };
  }

  @Get('health')
  health() {
    return { ok: true };
  }

  @Get('boom')
  boom(): never {
    throw new Error('boom');
  }

  @Get('boom/:id')
  boomFor(@Param('id') id: string): never {
    throw new Error(`boom for item ${id}`);
  }

  @Get('throw-string')
  throwString(): never {
    throw 'plain string'; // eslint-disable-line @typescript-eslint/only-throw-error -- on purpose
  }

  @Get('bad-gateway')
  @HttpCode(502)
  @Header('Content-Type', 'text/plain')
  badGateway() {
    return 'Upstream error';
  }

  @Get('not-found')
  @HttpCode(404)
  notFound() {
    return { error: 'Not found' };
  }

  @Get('forbidden')
  forbidden(): never {
    throw new ForbiddenException();
  }

  @Post('validate')
  validate(@Body(new ValidationPipe()) body: ValidateBody) {
    return { name: body.name };
  }

  @Get('redirect')
  @Redirect('/ok', 301)
  redirect() {}

  @Get('cached')
  cached(@Headers('if-none-match') tag: string | undefined, @Res() res: object) {
    const headers = { etag: '"v1"' };
    if (tag === '"v1"') return replyWith(this.http.httpAdapter, res, { status: 304, headers });
    replyWith(this.http.httpAdapter, res, { status: 200, headers, body: { cached: true } });
  }

  @Post('echo')
  echo(@Body() _body: unknown): never {
    throw new Error('echo failed');
  }

  @Get('manual')
  manual(@Res() res: object) {
    try {
      throw new Error('manual failure');
    } catch (error) {
      replyWith(this.http.httpAdapter, res, this.blackbox.createErrorResponse(error));
    }
  }

  @Get('slow')
  async slow(@Query('ms') ms: string | undefined) {
    await sleep(slowMs(ms));
    return { ok: true };
  }

  @Get('stream-fail')
  streamFail(@Res() res: object): never {
    const raw = nodeResponseOf(res);
    raw.writeHead(200, { 'content-type': 'text/plain' });
    raw.write('partial');
    throw new Error('stream failed');
  }
}
