import { describe, it, expect } from 'vitest';
import { describeMultipartFields } from './multipart-fields.js';

describe('describeMultipartFields', () => {
  it('describes a multer file by original name and size, never its buffer', () => {
    const upload = {
      fieldname: 'cv',
      originalname: 'cv.pdf',
      size: 1200,
      buffer: Buffer.from('SECRET'),
    };
    expect(describeMultipartFields({ title: 'x', upload })).toEqual({
      title: 'x',
      upload: '[file: cv.pdf, 1200 bytes]',
    });
  });

  it('describes formidable, express-fileupload and Fastify files', () => {
    const out = describeMultipartFields({
      a: { originalFilename: 'a.png', size: 5, filepath: '/tmp/upload_1' },
      b: { name: 'b.txt', data: Buffer.from('abc'), mimetype: 'text/plain' },
      c: { type: 'file', filename: 'c.bin', file: {} },
    });
    expect(out).toEqual({
      a: '[file: a.png, 5 bytes]',
      b: '[file: b.txt, 3 bytes]',
      c: '[file: c.bin]',
    });
  });

  it('describes Fetch API File objects', () => {
    const file = new File(['hello'], 'hello.txt', { type: 'text/plain' });
    expect(describeMultipartFields({ doc: file })).toEqual({ doc: '[file: hello.txt, 5 bytes]' });
  });

  it('describes every file of a field with several files', () => {
    const files = [new File(['a'], 'one.txt'), new File(['bb'], 'two.txt')];
    expect(describeMultipartFields({ docs: files })).toEqual({
      docs: ['[file: one.txt, 1 bytes]', '[file: two.txt, 2 bytes]'],
    });
  });

  it('unwraps Fastify field values', () => {
    const fields: Record<string, unknown> = {};
    fields.name = { type: 'field', fieldname: 'name', value: 'ann', fields };
    expect(describeMultipartFields(fields)).toEqual({ name: 'ann' });
  });

  it('keeps plain fields, including objects that are not files', () => {
    expect(describeMultipartFields({ user: { name: 'ann' }, tags: ['a'] })).toEqual({
      user: { name: 'ann' },
      tags: ['a'],
    });
  });

  it('returns non-objects unchanged', () => {
    expect(describeMultipartFields('raw')).toBe('raw');
    expect(describeMultipartFields(null)).toBeNull();
  });
});
