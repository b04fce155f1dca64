import { describe, it, expect } from 'vitest';
import { prefersHtml } from './accept.js';

describe('prefersHtml', () => {
  it('is true for a browser navigation', () => {
    const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8';
    expect(prefersHtml(browser)).toBe(true);
  });

  it('is false for a missing or empty header', () => {
    expect(prefersHtml(undefined)).toBe(false);
    expect(prefersHtml('')).toBe(false);
    expect(prefersHtml('   ')).toBe(false);
  });

  it('is false for */*, application/* and API types', () => {
    for (const accept of [
      '*/*',
      'application/*',
      'application/problem+json',
      'application/vnd.api+json',
      'application/json',
    ]) {
      expect(prefersHtml(accept)).toBe(false);
    }
  });

  it('is true for application/xhtml+xml alone', () => {
    expect(prefersHtml('application/xhtml+xml')).toBe(true);
  });

  it('needs a strictly higher q than JSON', () => {
    expect(prefersHtml('text/html, application/json')).toBe(false);
    expect(prefersHtml('text/html;q=0.9, application/json')).toBe(false);
    expect(prefersHtml('text/html, application/json;q=0.9')).toBe(true);
    expect(prefersHtml('application/json;q=0, text/html')).toBe(true);
  });

  it('lets */* give JSON the q that HTML would need to beat', () => {
    expect(prefersHtml('text/html;q=0.5, */*')).toBe(false);
    expect(prefersHtml('text/html, */*;q=0.1')).toBe(true);
  });

  it('is false when HTML has q=0', () => {
    expect(prefersHtml('text/html;q=0')).toBe(false);
    expect(prefersHtml('text/html;q=0.000, application/json;q=0')).toBe(false);
  });

  it('handles whitespace, case and other parameters', () => {
    expect(prefersHtml('  Text/HTML ; level=1 ; Q=0.8 , application/json ; q=0.5')).toBe(true);
    expect(prefersHtml('text/html;charset=utf-8')).toBe(true);
  });

  it('ignores ranges with a malformed q', () => {
    expect(prefersHtml('text/html;q=abc')).toBe(false);
    expect(prefersHtml('text/html;q=2')).toBe(false);
    expect(prefersHtml('text/html;q=-1, application/json;q=0.1')).toBe(false);
    expect(prefersHtml('text/html, application/json;q=1.5')).toBe(true);
  });

  it('uses the most specific range for each type', () => {
    expect(prefersHtml('text/*')).toBe(true);
    expect(prefersHtml('text/*, text/html;q=0')).toBe(false);
    expect(prefersHtml('application/*;q=0.2, text/html;q=0.1')).toBe(false);
  });

  it('survives a huge or junk header', () => {
    expect(prefersHtml(',;=,;;,'.repeat(5000))).toBe(false);
    expect(prefersHtml(`text/html,${'x/y;q=0.1,'.repeat(5000)}`)).toBe(true);
  });
});
