import escapeHtml from 'escape-html';
import { reasonPhrase } from './reason-phrase.js';

/** What an HTML error page shows. */
export interface ErrorPageInfo {
  incidentId: string;
  requestId: string;
  status: number;
  message: string;
}

/**
 * The built-in HTML error page: status, reason, the generic message and the IDs a user can
 * quote to support. Every value is escaped; styles are inline and there is no script, so the
 * page works under the strictest Content-Security-Policy.
 *
 * @example
 * renderDefaultErrorPage({ incidentId: 'INCIDENT-0042', requestId: 'r-1', status: 500, message: 'Something went wrong.' });
 * // '<!doctype html>…INCIDENT-0042…'
 */
export function renderDefaultErrorPage(info: ErrorPageInfo): string {
  const status = escapeHtml(String(info.status));
  const title = `${status} ${escapeHtml(reasonPhrase(info.status))}`;
  const incident = info.incidentId
    ? `<dt>Incident ID</dt><dd><code>${escapeHtml(info.incidentId)}</code></dd>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>
:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#f6f8fa;--card:#fff;--line:#d1d9e0;--accent:#cf222e}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--card:#151b23;--line:#3d444d;--accent:#ff7b72}}
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:grid;place-items:center;padding:24px;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{width:100%;max-width:480px;background:var(--card);border:1px solid var(--line);border-radius:12px;padding:32px}
.status{margin:0;color:var(--accent);font-size:14px;font-weight:600;letter-spacing:.08em;text-transform:uppercase}
h1{margin:4px 0 12px;font-size:24px;line-height:1.25}
p{margin:0 0 24px;color:var(--muted)}
dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:8px 16px;padding-top:16px;border-top:1px solid var(--line);font-size:14px}
dt{color:var(--muted)}
dd{margin:0;min-width:0}
code{font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere;user-select:all}
</style>
</head>
<body>
<main>
<p class="status">Error ${status}</p>
<h1>${escapeHtml(reasonPhrase(info.status))}</h1>
<p>${escapeHtml(info.message)}</p>
<dl>${incident}<dt>Request ID</dt><dd><code>${escapeHtml(info.requestId)}</code></dd></dl>
</main>
</body>
</html>
`;
}
