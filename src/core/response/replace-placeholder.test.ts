import { describe, it, expect } from 'vitest';
import { INCIDENT_ID_PLACEHOLDER, replacePlaceholder } from './replace-placeholder.js';

const ID = 'INCIDENT-0042';

describe('replacePlaceholder', () => {
  it('replaces the placeholder at any depth, in objects and arrays', () => {
    const template = { error: { ref: 'see <incident_id>', list: [{ id: '<incident_id>' }, 7] } };
    expect(replacePlaceholder(template, INCIDENT_ID_PLACEHOLDER, ID)).toEqual({
      error: { ref: `see ${ID}`, list: [{ id: ID }, 7] },
    });
  });

  it('replaces several placeholders in one string', () => {
    expect(replacePlaceholder('<incident_id>/<incident_id>', INCIDENT_ID_PLACEHOLDER, ID)).toBe(
      `${ID}/${ID}`,
    );
  });

  it('keeps non-string values as they are', () => {
    const when = new Date(0);
    const out = replacePlaceholder(
      { status: 500, ok: false, none: null, when },
      INCIDENT_ID_PLACEHOLDER,
      ID,
    ) as {
      when: unknown;
    };
    expect(out).toEqual({ status: 500, ok: false, none: null, when });
    expect(out.when).toBe(when);
  });

  it('copies instead of mutating the template', () => {
    const template = { msg: '<incident_id>', nested: { msg: '<incident_id>' } };
    const out = replacePlaceholder(template, INCIDENT_ID_PLACEHOLDER, ID) as typeof template;
    expect(template.msg).toBe('<incident_id>');
    expect(out.nested).not.toBe(template.nested);
  });

  it('treats $ patterns in the ID literally', () => {
    expect(replacePlaceholder('x <incident_id>', INCIDENT_ID_PLACEHOLDER, "$&$'")).toBe("x $&$'");
  });

  it('throws on a cycle so the caller can fall back', () => {
    const template: Record<string, unknown> = {};
    template.self = template;
    expect(() => replacePlaceholder(template, INCIDENT_ID_PLACEHOLDER, ID)).toThrow(RangeError);
  });

  it('throws on absurd nesting', () => {
    let deep: unknown = '<incident_id>';
    for (let i = 0; i < 100; i++) deep = { d: deep };
    expect(() => replacePlaceholder(deep, INCIDENT_ID_PLACEHOLDER, ID)).toThrow(RangeError);
  });

  it('keeps a __proto__ key as data', () => {
    const template: unknown = JSON.parse('{"__proto__":{"x":"<incident_id>"}}');
    const out = replacePlaceholder(template, INCIDENT_ID_PLACEHOLDER, ID);
    expect(JSON.stringify(out)).toBe(`{"__proto__":{"x":"${ID}"}}`);
  });
});
