// The few lines of routing the node and fetch examples need (no framework). Templates use
// `:name` segments; `match` gives the template back, which the examples pass to the library
// as the route (a plain handler has no other way to know it).

export interface Match<H> {
  template: string;
  params: Record<string, string>;
  handler: H;
}

interface Entry<H> {
  method: string;
  template: string;
  pattern: RegExp;
  handler: H;
}

export class Router<H> {
  private readonly entries: Entry<H>[] = [];

  add(method: string, template: string, handler: H): this {
    const source = template.replace(/:(\w+)/g, '(?<$1>[^/]+)');
    this.entries.push({ method, template, pattern: new RegExp(`^${source}$`), handler });
    return this;
  }

  /** The route for a method and path (HEAD is served by GET routes), or undefined. */
  match(method: string, path: string): Match<H> | undefined {
    const wanted = method === 'HEAD' ? 'GET' : method;
    for (const entry of this.entries) {
      if (entry.method !== wanted) continue;
      const found = entry.pattern.exec(path);
      if (found) {
        return { template: entry.template, params: { ...found.groups }, handler: entry.handler };
      }
    }
    return undefined;
  }
}
