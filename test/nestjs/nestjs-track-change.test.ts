import {
  Body,
  Controller,
  Delete,
  HttpCode,
  Inject,
  Injectable,
  Module,
  NotFoundException,
  Param,
  Patch,
  Post,
  ValidationPipe,
  type DynamicModule,
} from '@nestjs/common';
import { IsInt, IsNotEmpty, IsString } from 'class-validator';
import { afterEach, describe, expect, it } from 'vitest';
import { BlackboxModule, TrackChange } from '../../src/adapters/nestjs/index.js';
import { PLATFORMS, json, sqliteFile, startNestApp, type Platform } from './nest-app.js';

// @TrackChange on controller actions: `before` from the loader, `after` from the result, the
// exact diff on the request's activity, on both platforms.

interface Invoice {
  id: number;
  customer: string;
  total: number;
}

@Injectable()
class InvoiceService {
  private readonly invoices = new Map<number, Invoice>();
  private nextId = 1;

  create(input: Omit<Invoice, 'id'>): Invoice {
    const invoice = { id: this.nextId++, customer: input.customer, total: input.total };
    this.invoices.set(invoice.id, invoice);
    return { ...invoice };
  }

  find(id: number): Invoice | undefined {
    const invoice = this.invoices.get(id);
    return invoice && { ...invoice };
  }

  update(id: number, changes: Partial<Invoice>): Invoice {
    const invoice = this.invoices.get(id);
    if (!invoice) throw new NotFoundException();
    if (typeof changes.total === 'number') invoice.total = changes.total;
    if (changes.total === -1) throw new Error('refused to store a negative total');
    return { ...invoice };
  }

  remove(id: number): void {
    if (!this.invoices.delete(id)) throw new NotFoundException();
  }
}

class NewInvoice {
  @IsString()
  @IsNotEmpty()
  customer!: string;

  @IsInt()
  total!: number;
}

interface ParamsRequest {
  params: { id: string };
}

@Controller('invoices')
class InvoicesController {
  constructor(@Inject(InvoiceService) readonly invoices: InvoiceService) {}

  // Written above the route decorator on purpose: the order of decorators must not matter.
  @TrackChange<unknown, InvoicesController, Invoice>({
    action: 'CREATE',
    customAction: 'invoice_issued',
    payload: (_req: unknown, invoice: Invoice) => ({ total: invoice.total }),
    object: (invoice) => ({ type: 'Invoice', id: invoice.id }),
  })
  @Post()
  create(@Body() body: Omit<Invoice, 'id'>) {
    return this.invoices.create(body);
  }

  @Post('checked')
  @TrackChange({ action: 'CREATE' })
  createChecked(@Body(new ValidationPipe()) body: NewInvoice) {
    return this.invoices.create(body);
  }

  @Patch(':id')
  @TrackChange<ParamsRequest, InvoicesController>({
    action: 'UPDATE',
    before: (req, self) => self.invoices.find(Number(req.params.id)),
  })
  update(@Param('id') id: string, @Body() body: Partial<Invoice>) {
    return this.invoices.update(Number(id), body);
  }

  @Delete(':id')
  @HttpCode(204)
  @TrackChange<ParamsRequest, InvoicesController>({
    action: 'DELETE',
    // `this` is the controller too, for loaders written as functions.
    before(this: InvoicesController, req) {
      return this.invoices.find(Number(req.params.id));
    },
  })
  remove(@Param('id') id: string): void {
    this.invoices.remove(Number(id));
  }
}

function invoicesModule(store: string): DynamicModule {
  @Module({ controllers: [InvoicesController], providers: [InvoiceService] })
  class InvoicesModule {}
  return {
    module: InvoicesModule,
    imports: [BlackboxModule.forRoot({ store, flushIntervalMs: 10, logger: quiet })],
  };
}

const quiet = { warn: () => {}, error: () => {} };

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function start(platform: Platform) {
  const file = sqliteFile();
  cleanups.push(file.remove);
  const app = await startNestApp(platform, invoicesModule(file.store));
  cleanups.push(() => app.close());
  return app;
}

describe.each(PLATFORMS)('nestjs %s: @TrackChange', (platform) => {
  it('stores the exact diff of a create, an update and a delete', async () => {
    const app = await start(platform);
    const created = await app.fetch('/invoices', json({ customer: 'ann', total: 10 }));
    expect(created.status).toBe(201);
    const invoice = (await created.json()) as Invoice;
    expect(await app.activity(created.headers.get('x-request-id'))).toMatchObject({
      route: '/invoices',
      handler: 'InvoicesController.create',
      action: 'CREATE',
      customAction: 'invoice_issued',
      customPayload: { total: 10 },
      objectType: 'Invoice',
      objectId: String(invoice.id),
      instanceBefore: null,
      instanceAfter: { id: invoice.id, customer: 'ann', total: 10 },
      instanceDiff: { id: [null, invoice.id], customer: [null, 'ann'], total: [null, 10] },
    });

    const updated = await app.fetch(`/invoices/${invoice.id}`, json({ total: 12 }, 'PATCH'));
    expect(updated.status).toBe(200);
    expect(await app.activity(updated.headers.get('x-request-id'))).toMatchObject({
      route: '/invoices/:id',
      handler: 'InvoicesController.update',
      action: 'UPDATE',
      instanceBefore: { id: invoice.id, customer: 'ann', total: 10 },
      instanceAfter: { id: invoice.id, customer: 'ann', total: 12 },
      instanceDiff: { total: [10, 12] },
    });

    const deleted = await app.fetch(`/invoices/${invoice.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(await app.activity(deleted.headers.get('x-request-id'))).toMatchObject({
      handler: 'InvoicesController.remove',
      httpStatus: 204,
      action: 'DELETE',
      instanceBefore: { id: invoice.id, customer: 'ann', total: 12 },
      instanceAfter: null,
      instanceDiff: { id: [invoice.id, null], customer: ['ann', null], total: [12, null] },
    });
  });

  it('keeps the parameter metadata pipes need (ValidationPipe still validates the DTO)', async () => {
    const app = await start(platform);
    const invalid = await app.fetch('/invoices/checked', json({ customer: '' }));
    expect(invalid.status).toBe(400);
    expect(await app.incidents()).toEqual([]);
    const valid = await app.fetch('/invoices/checked', json({ customer: 'dee', total: 7 }));
    expect(valid.status).toBe(201);
    expect(await app.activity(valid.headers.get('x-request-id'))).toMatchObject({
      action: 'CREATE',
      instanceAfter: { id: 1, customer: 'dee', total: 7 },
    });
  });

  it('records no change when the action throws, and the error still becomes an incident', async () => {
    const app = await start(platform);
    const created = await app.fetch('/invoices', json({ customer: 'bob', total: 5 }));
    const { id } = (await created.json()) as Invoice;
    const failed = await app.fetch(`/invoices/${id}`, json({ total: -1 }, 'PATCH'));
    expect(failed.status).toBe(500);
    const activity = await app.activity(failed.headers.get('x-request-id'));
    expect(activity).toMatchObject({
      httpStatus: 500,
      incidentId: failed.headers.get('x-incident-id'),
      instanceBefore: null,
      instanceAfter: null,
      instanceDiff: null,
    });
  });
});

describe('nestjs: @TrackChange outside a request', () => {
  it('runs the method as written when no request is being recorded (a unit test)', async () => {
    const controller = new InvoicesController(new InvoiceService());
    const created = controller.create({ customer: 'cy', total: 3 });
    expect(created).toEqual({ id: 1, customer: 'cy', total: 3 });
    expect(controller.update('1', { total: 4 })).toEqual({ id: 1, customer: 'cy', total: 4 });
  });
});
