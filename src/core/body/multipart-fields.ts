import { binaryLength } from '../json/json-leaf.js';
import { setOwn } from '../json/set-own.js';

// Property names under which the common parsers (multer, formidable, express-fileupload,
// @fastify/multipart, the Fetch API's File) keep the client's file name.
const FILE_NAME_KEYS = ['originalname', 'originalFilename', 'filename', 'name'] as const;
// Properties that only a file object has: its bytes, a stream or a path on disk.
const FILE_CONTENT_KEYS = ['buffer', 'data', '_buf', 'file', 'filepath', 'path', 'stream'] as const;

/**
 * The fields of a parsed multipart body with every recognisable file replaced by
 * `"[file: name, N bytes]"`, so that file contents (and temp paths) are never stored.
 * Fastify's `{ type: 'field', value }` wrappers are reduced to their value. Looks at the
 * top-level values and the arrays under them (several files for one field); returns other
 * values unchanged. May throw on hostile objects; the caller catches.
 *
 * @example
 * describeMultipartFields({ title: 'cv', upload: { originalname: 'cv.pdf', size: 1200, buffer } });
 * // { title: 'cv', upload: '[file: cv.pdf, 1200 bytes]' }
 */
export function describeMultipartFields(fields: unknown): unknown {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return fields;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    setOwn(out, key, Array.isArray(value) ? value.map(describePart) : describePart(value));
  }
  return out;
}

function describePart(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const part = value as Record<string, unknown>;
  if (part.type === 'field' && 'value' in part) return part.value;
  const name = fileName(part);
  if (name === undefined) return value;
  const size = fileSize(part);
  return size === undefined ? `[file: ${name}]` : `[file: ${name}, ${size} bytes]`;
}

function fileName(part: Record<string, unknown>): string | undefined {
  const looksLikeFile =
    part instanceof Blob ||
    part.type === 'file' ||
    typeof part.size === 'number' ||
    FILE_CONTENT_KEYS.some((key) => part[key] !== undefined);
  if (!looksLikeFile) return undefined;
  for (const key of FILE_NAME_KEYS) {
    const name = part[key];
    if (typeof name === 'string') return name;
  }
  return undefined;
}

function fileSize(part: Record<string, unknown>): number | undefined {
  if (typeof part.size === 'number' && Number.isFinite(part.size)) return part.size;
  for (const key of ['buffer', 'data', '_buf'] as const) {
    const bytes = binaryLength(part[key]);
    if (bytes !== undefined) return bytes;
  }
  return undefined;
}
