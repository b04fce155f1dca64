import { describe, it, expect } from 'vitest';
import { renderDefaultErrorPage } from './error-page.js';

const info = {
  incidentId: 'INCIDENT-0042',
  requestId: 'req-1',
  status: 500,
  message: 'Something went wrong.',
};

describe('renderDefaultErrorPage', () => {
  it('shows the status, reason, message and both IDs', () => {
    const page = renderDefaultErrorPage(info);
    for (const text of [
      '500',
      'Internal Server Error',
      'Something went wrong.',
      'INCIDENT-0042',
      'req-1',
    ]) {
      expect(page).toContain(text);
    }
    expect(page.startsWith('<!doctype html>')).toBe(true);
  });

  it('escapes every value', () => {
    const page = renderDefaultErrorPage({
      incidentId: '<script>alert(1)</script>',
      requestId: '"><img src=x onerror=alert(1)>',
      status: 500,
      message: '<b>&\'"',
    });
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&lt;b&gt;&amp;&#39;&quot;');
  });

  it('has no script and no external resources', () => {
    const page = renderDefaultErrorPage(info);
    expect(page).not.toMatch(/<script|<link|src=|url\(/i);
    expect(page).toContain('<style>');
  });

  it('leaves the incident row out when there is no incident ID', () => {
    const page = renderDefaultErrorPage({ ...info, incidentId: '' });
    expect(page).not.toContain('Incident ID');
    expect(page).toContain('req-1');
  });
});
