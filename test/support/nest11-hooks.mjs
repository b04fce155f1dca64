// Module resolution hook for nest11-loader.mjs.
const fixture = new URL('../fixtures/nest11/package.json', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (!specifier.startsWith('@nestjs/')) return nextResolve(specifier, context);
  return nextResolve(specifier, { ...context, parentURL: fixture });
}
