import { Type } from '@sinclair/typebox';
import { validationFailed } from '../errors.js';

export const PaginationQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Page size, 1..100' })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'next_cursor of the previous page' })),
};

/**
 * The page size a list asked for. The schema has already coerced and range-checked it, but a huge exponent
 * (`limit=1e309`) arrives as Infinity, which passes; refused here with the same answer the schema gives.
 */
export function pageSize(limit: number | undefined): number {
  if (limit === undefined) return 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw validationFailed('limit', 'must be an integer from 1 to 100');
  return limit;
}

/** Cursors are opaque to clients; inside they are the last id of the page (ids sort by creation time). */
export function decodeCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[a-z]{2,4}_[0-9a-z]{26}$/.test(decoded)) throw validationFailed('cursor', 'is not a cursor returned by this API');
  return decoded;
}

/** Callers fetch limit + 1 rows: the extra row only tells whether another page exists. */
export function page<T extends { id: string }, R>(rows: T[], limit: number, serialize: (row: T) => R) {
  const has_more = rows.length > limit;
  const pageRows = has_more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    data: pageRows.map(serialize),
    has_more,
    next_cursor: has_more && last ? Buffer.from(last.id, 'utf8').toString('base64url') : null,
  };
}
