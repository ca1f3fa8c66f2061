import type { Field, TradeDocument } from './model.js';

/**
 * Calendar dates as ISO 8601 (`2024-03-01`, or a date-time whose date part is used). A date that does not exist
 * (2024-02-30) is not a date: JavaScript would silently roll it into March.
 */
export function parseIsoDate(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}

export interface NamedDate {
  label: string;
  field: Field;
}

/** Every date of a document with a human label, for the generic date rules. */
export function datesOf(doc: TradeDocument): NamedDate[] {
  const candidates: Array<[string, Field | undefined]> = [
    ['issue date', doc.issueDate],
    ['shipment date', doc.shipmentDate],
    ['departure date', doc.transport.departureDate],
    ['arrival date', doc.transport.arrivalDate],
  ];
  return candidates.filter((entry): entry is [string, Field] => entry[1] !== undefined).map(([label, field]) => ({ label, field }));
}

/** Start of the UTC day, so that a document dated "today" is never in the future whatever the hour. */
export function startOfUtcDay(moment: Date): Date {
  return new Date(Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate()));
}
