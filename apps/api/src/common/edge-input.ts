import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { InvalidInputError, UnsupportedMediaTypeError } from '../../../../libs/domain/errors.js';

/**
 * Express middleware ahead of the body parser: bodies declared in a charset other than UTF-8 are refused (415)
 * before they are decoded. The API speaks UTF-8 only; a UTF-7 or UTF-16 body would otherwise be decoded into
 * text its bytes do not show.
 */
export function refuseNonUtf8Bodies(request: Request, _response: Response, next: NextFunction): void {
  const charset = declaredCharset(request.headers['content-type']);
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    return next(new UnsupportedMediaTypeError(`request bodies are UTF-8; the declared charset '${charset}' is not accepted`));
  }
  next();
}

/**
 * What no route accepts, refused once at the edge, after parsing and before any route sees it: text with a NUL
 * byte (PostgreSQL cannot store it, and a workflow's activity would fail on it for ever) or a lone UTF-16
 * surrogate (not Unicode at all), anywhere in the JSON body, the query string or the path.
 */
@Injectable()
export class EdgeInputMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    const path = decodedPath(request.originalUrl);
    if (path === undefined) throw new InvalidInputError('the path is not valid percent-encoded UTF-8');
    const where = unsafeTextAt(path, 'path') ?? unsafeTextAt(request.query, 'query') ?? unsafeTextAt(request.body, 'body');
    if (where) {
      throw new InvalidInputError(`${where} holds a NUL byte or a lone surrogate, which no text may contain`, [
        { field: where, message: 'NUL bytes and lone surrogates are not accepted' },
      ]);
    }
    next();
  }
}

/** In Unicode mode a surrogate pair reads as one code point, so `\p{Cs}` matches only a lone surrogate. */
const LONE_SURROGATE = /\p{Cs}/u;

export function isSafeText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/** Where (as `body.items.0.name`) the first string or key holding unsafe text is; walked without recursion, so depth cannot overflow. */
export function unsafeTextAt(value: unknown, root: string): string | undefined {
  const pending: [unknown, string][] = [[value, root]];
  while (pending.length > 0) {
    const [current, at] = pending.pop()!;
    if (typeof current === 'string') {
      if (!isSafeText(current)) return at;
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        if (!isSafeText(key)) return at;
        pending.push([child, `${at}.${key}`]);
      }
    }
  }
  return undefined;
}

/** The path of a URL, percent-decoded; undefined when the encoding is not valid UTF-8. */
export function decodedPath(url: string): string | undefined {
  const path = url.split('?')[0] ?? '';
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

export function declaredCharset(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}
