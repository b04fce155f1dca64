import { trackChange } from 'http-blackbox';

/** The examples' tiny in-memory item catalogue, the thing `/items` creates, updates and deletes. */
export interface Item {
  id: number;
  name: string;
  price: number;
}

export class ItemCatalogue {
  private readonly items = new Map<number, Item>();
  private nextId = 1;

  create(input: { name: string; price: number }): Item {
    const item = { id: this.nextId++, name: input.name, price: input.price };
    this.items.set(item.id, item);
    return { ...item };
  }

  find(id: number): Item | undefined {
    const item = this.items.get(id);
    return item && { ...item };
  }

  update(id: number, changes: Partial<Omit<Item, 'id'>>): Item | undefined {
    const item = this.items.get(id);
    if (!item) return undefined;
    Object.assign(item, pickItemFields(changes));
    return { ...item };
  }

  delete(id: number): boolean {
    return this.items.delete(id);
  }
}

function pickItemFields(changes: Partial<Omit<Item, 'id'>>): Partial<Omit<Item, 'id'>> {
  const picked: Partial<Omit<Item, 'id'>> = {};
  if (typeof changes.name === 'string') picked.name = changes.name;
  if (typeof changes.price === 'number') picked.price = changes.price;
  return picked;
}

/**
 * The service the `/items` routes call. It records its own changes with `trackChange`, as an
 * app's service layer would: `before` from the catalogue, `after` from the result, and no
 * request object passed around (the request context is found for it).
 */
export class ItemService {
  constructor(private readonly catalogue = new ItemCatalogue()) {}

  create(input: { name: string; price: number }): Promise<Item> {
    const object = (created: Item) => ({ type: 'Item', id: created.id });
    return trackChange({ action: 'CREATE', object }, () => this.catalogue.create(input));
  }

  update(id: number, changes: Partial<Omit<Item, 'id'>>): Promise<Item | undefined> {
    return trackChange(
      { action: 'UPDATE', before: () => this.catalogue.find(id), object: { type: 'Item', id } },
      () => this.catalogue.update(id, changes),
    );
  }

  delete(id: number): Promise<boolean> {
    return trackChange(
      {
        action: 'DELETE',
        before: () => this.catalogue.find(id),
        after: () => undefined,
        object: { type: 'Item', id },
      },
      () => this.catalogue.delete(id),
    );
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `?ms=` clamped to 0..10 s so the route cannot be used to hold sockets forever. */
export function slowMs(raw: unknown): number {
  const ms = Number(raw);
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 10_000) : 0;
}
