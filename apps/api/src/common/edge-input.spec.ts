import { declaredCharset, decodedPath, unsafeTextAt } from './edge-input.js';

describe('text refused at the edge', () => {
  it('finds a NUL byte or a lone surrogate in any string or key, and says where', () => {
    expect(unsafeTextAt({ name: 'ok', items: [{ name: 'a\u0000b' }] }, 'body')).toBe('body.items.0.name');
    expect(unsafeTextAt({ q: '\ud800' }, 'query')).toBe('query.q');
    expect(unsafeTextAt({ ['k\udc00']: 1 }, 'body')).toBe('body');
    expect(unsafeTextAt('%00'.replace('%00', '\u0000'), 'path')).toBe('path');
  });

  it('lets well-formed text through, surrogate pairs (emoji, rare CJK) included', () => {
    expect(unsafeTextAt({ name: '常住人口 😀 𠀀', n: 1, nested: { list: [null, true, '\t\n'] } }, 'body')).toBeUndefined();
    expect(unsafeTextAt(undefined, 'body')).toBeUndefined();
  });

  it('walks deep nesting without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(unsafeTextAt(deep, 'body')).toMatch(/^body(\.0)+$/);
  });

  it('decodes the path, refusing encodings that are not UTF-8', () => {
    expect(decodedPath('/api/v1/tasks/%E4%BB%BB?x=1')).toBe('/api/v1/tasks/任');
    expect(decodedPath('/api/v1/tasks/%00')).toBe('/api/v1/tasks/\u0000');
    expect(decodedPath('/api/v1/tasks/%ED%A0%80')).toBeUndefined();
  });

  it('reads the declared charset of a body', () => {
    expect(declaredCharset('application/json; charset=UTF-7')).toBe('utf-7');
    expect(declaredCharset('application/json;charset="utf-8"')).toBe('utf-8');
    expect(declaredCharset('application/json')).toBeUndefined();
  });
});
