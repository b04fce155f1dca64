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

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `?ms=` clamped to 0..10 s so the route cannot be used to hold sockets forever. */
export function slowMs(raw: unknown): number {
  const ms = Number(raw);
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 10_000) : 0;
}
