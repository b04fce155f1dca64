interface MediaRange {
  type: string;
  q: number;
}

// Accept headers longer than this are cut; Node caps all headers at 16 KiB anyway.
const MAX_ACCEPT_CHARS = 4096;
// RFC 9110 §12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * Whether an error response should be an HTML page rather than JSON: true only when HTML
 * (`text/html` or `application/xhtml+xml`) gets a strictly higher quality than
 * `application/json`, and above 0. Each type takes the q of its most specific matching range
 * (`text/html`, else `text/*`, else `*\/*`), so `*\/*`, `application/*`, a missing header and
 * API types such as `application/problem+json` all mean JSON. Ranges with a malformed q
 * (`q=abc`, `q=2`) are ignored, as RFC 9110 allows.
 *
 * @example
 * prefersHtml('text/html,application/xhtml+xml,application/xml;q=0.9,*\/*;q=0.8'); // true (a browser)
 * prefersHtml('application/json, text/html;q=0.9'); // false
 * prefersHtml(undefined); // false
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (typeof accept !== 'string' || accept.trim() === '') return false;
  const ranges = parseAccept(accept.slice(0, MAX_ACCEPT_CHARS));
  const html = Math.max(
    qualityOf(ranges, 'text', 'html'),
    qualityOf(ranges, 'application', 'xhtml+xml'),
  );
  return html > 0 && html > qualityOf(ranges, 'application', 'json');
}

function parseAccept(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const entry of accept.split(',')) {
    const [rawType = '', ...params] = entry.split(';');
    const type = rawType.trim().toLowerCase();
    const q = qualityParam(params);
    if (type !== '' && q !== undefined) ranges.push({ type, q });
  }
  return ranges;
}

/** The q parameter (1 when absent), or undefined when it is malformed. */
function qualityParam(params: readonly string[]): number | undefined {
  for (const param of params) {
    const [name = '', value = ''] = param.split('=');
    if (name.trim().toLowerCase() !== 'q') continue;
    const text = value.trim();
    return QVALUE.test(text) ? Number(text) : undefined;
  }
  return 1;
}

/** The q of the most specific range matching type/subtype; 0 when nothing matches. */
function qualityOf(ranges: readonly MediaRange[], type: string, subtype: string): number {
  for (const candidate of [`${type}/${subtype}`, `${type}/*`, '*/*']) {
    const matches = ranges.filter((range) => range.type === candidate);
    if (matches.length > 0) return Math.max(...matches.map((range) => range.q));
  }
  return 0;
}
