export { bodyPreview } from './body-preview.js';
export type { BodyPreviewOptions } from './body-preview.js';
export { flattenString, truncateUtf8 } from './truncate-utf8.js';
export type { Truncated } from './truncate-utf8.js';
export { isAllowedType, isJsonType, mediaTypeOf } from './media-type.js';
export { describeMultipartFields } from './multipart-fields.js';
export { toStorableText } from './storable-text.js';
