import { emptyDocument, type DangerousGoods, type DocumentLine, type Field, type Party, type PartyRole, type TextLine, type TradeDocument } from '../../../compliance/model.js';
import type { DocumentType } from '../../../compliance/types.js';
import { isIsoCountryCode } from '../../../compliance/codes/country.js';
import { normalizeContainerNumber } from '../../../compliance/codes/iso6346.js';
import { fieldFrom, findAll, findLabeled, freeText, identifier, linePath } from './pdf-find.js';
import { DATE_PATTERN, readAmount, readCountry, readDate, type Reading } from './pdf-values.js';

const dateAt = (text: string): Reading | null => {
  const match = new RegExp(`^${DATE_PATTERN}`).exec(text);
  return match ? readDate(match[1]) : null;
};

const NUMBER_LABELS: Partial<Record<DocumentType, RegExp>> = {
  commercial_invoice: /invoice/,
  packing_list: /packing\s+list/,
  bill_of_lading: /b\/l|bill\s+of\s+lading/,
  certificate_of_origin: /certificate/,
  dangerous_goods_declaration: /document|reference|declaration/,
};

const PARTY_LABELS: ReadonlyArray<[PartyRole, RegExp]> = [
  ['seller', /seller/], ['buyer', /buyer/], ['shipper', /shipper|consignor/], ['consignee', /consignee/],
  ['exporter', /exporter/], ['importer', /importer/], ['notify_party', /notify\s+party/],
];

const INCOTERM_CODES = 'EXW|FCA|CPT|CIP|DAP|DPU|DDP|FAS|FOB|CFR|CIF|DAT|DAF|DES|DEQ|DDU';

function incotermFields(lines: readonly TextLine[]): { rule?: Field; place?: Field } {
  const pattern = new RegExp(String.raw`\b(${INCOTERM_CODES})\b(?:\s+([A-Za-z][A-Za-z .'-]{1,40}?))?(?:\s+Incoterms.*)?$`);
  for (const line of lines) {
    const labelled = /incoterm|terms\s+of\s+delivery|delivery\s+terms/i.test(line.text);
    const match = pattern.exec(line.text.split('  ').find((part) => pattern.test(part)) ?? '');
    if (!match || (!labelled && !/^[A-Z]{3}\s/.test(match[0]))) continue;
    const confidence = labelled ? 0.9 : 0.6;
    const place = match[2]?.replace(/\bIncoterms?\b.*$/i, '').trim();
    return {
      rule: fieldFrom(line, { value: match[1], confidence }),
      place: place ? fieldFrom(line, { value: place, confidence: confidence - 0.1 }) : undefined,
    };
  }
  return {};
}

const LOCODE_TOKEN = /^[A-Z]{2}[A-Z2-9]{3}$/;

/**
 * A LOCODE printed after a port label: "(CNYTN)" is certain, a lone "CNYTN" likely, and a code-like word among
 * others ("SHANGHAI CHINA") only a guess, since country names can look like codes.
 */
const locode = (text: string): Reading | null => {
  const parenthesized = /\(([A-Z]{2}\s?[A-Z2-9]{3})\)/.exec(text);
  if (parenthesized) return { value: parenthesized[1].replace(/\s/, ''), confidence: 0.9 };
  const tokens = text.trim().split(/[\s,;/]+/);
  const candidate = tokens.find((token) => LOCODE_TOKEN.test(token) && isIsoCountryCode(token.slice(0, 2)));
  if (!candidate) return null;
  return { value: candidate, confidence: tokens.length === 1 ? 0.8 : 0.6 };
};

function labelledParties(lines: readonly TextLine[]): Partial<Record<PartyRole, Party>> {
  const parties: Partial<Record<PartyRole, Party>> = {};
  for (const [role, label] of PARTY_LABELS) {
    const name = findLabeled(lines, new RegExp(`${label.source}`), freeText);
    if (name) parties[role] = { path: name.path, name };
  }
  return parties;
}

function dangerousGoodsOf(lines: readonly TextLine[]): DangerousGoods | undefined {
  const unNumber = findAll(lines, /\bUN\s?(\d{4})\b/, (m) => ({ value: `UN${m[1]}`, confidence: 0.85 }))[0];
  if (!unNumber) return undefined;
  return {
    path: unNumber.path,
    unNumber,
    hazardClass: findLabeled(lines, /(?:hazard\s+)?class(?:\s+or\s+division)?/, (t) => /^(\d(?:\.\d[A-Z]?)?)\b/.exec(t) ? { value: /^(\d(?:\.\d[A-Z]?)?)/.exec(t)![1], confidence: 0.8 } : null),
    packingGroup: findLabeled(lines, /packing\s+group|PG/, (t) => /^(III|II|I)\b/.exec(t) ? { value: /^(III|II|I)/.exec(t)![1], confidence: 0.8 } : null),
    properShippingName: findLabeled(lines, /proper\s+shipping\s+name/, freeText),
  };
}

function goodsLines(lines: readonly TextLine[], dangerousGoods: DangerousGoods | undefined): DocumentLine[] {
  const hsCodes = findAll(lines, /\b(?:HS|H\.S\.|HTS)\s*(?:code|no\.?)?\s*[:.]?\s*(\d{4}\.?\d{2}(?:\.?\d{2}){0,2})\b/i,
    (m) => ({ value: m[1].replace(/\./g, ''), confidence: 0.85 }));
  const description = findLabeled(lines, /description\s+of\s+goods|goods\s+description|description/, freeText);
  if (!description && hsCodes.length === 0 && !dangerousGoods) return [];
  return [{
    path: description?.path ?? hsCodes[0]?.path ?? dangerousGoods!.path,
    description,
    hsCodes,
    dangerousGoods: dangerousGoods ? [dangerousGoods] : [],
  }];
}

/** Reads whatever fields the text offers; every field keeps its `page N, line M` and a confidence. */
export function extractPdfFields(lines: readonly TextLine[], type: DocumentType): TradeDocument {
  const doc = emptyDocument(type, 'pdf');
  doc.textLines = [...lines];
  const numberLabel = NUMBER_LABELS[type];
  doc.documentNumber = numberLabel ? findLabeled(lines, new RegExp(`(?:${numberLabel.source})\\s*(?:no\\.?|number|#)`), identifier) : undefined;
  doc.issueDate = findLabeled(lines, /(?:invoice\s+|issue\s+|)date(?:\s+of\s+issue)?|dated/, dateAt);
  doc.shipmentDate = findLabeled(lines, /shipped\s+on\s+board(?:\s+date)?|on\s+board\s+date|(?:date\s+of\s+)?shipment(?:\s+date)?/, dateAt);
  doc.parties = labelledParties(lines);
  const incoterm = incotermFields(lines);
  doc.incoterm = incoterm.rule;
  doc.incotermPlace = incoterm.place;
  doc.currency = findLabeled(lines, /currency/, (t) => (/^([A-Z]{3})\b/.exec(t) ? { value: t.slice(0, 3), confidence: 0.9 } : null))
    ?? findAll(lines, /\b(?:total|amount)\b.*?\b([A-Z]{3})\s+[\d.,]+\d\b/i, (m) => ({ value: m[1], confidence: 0.7 }))[0];
  const total = findLabeled(lines, /grand\s+total|total\s+amount|invoice\s+total|total\s+value|total/,
    (t) => readAmount(t.replace(/^[A-Z]{3}\s+/, '').replace(/^[$€£¥]\s*/, '')));
  doc.totals = { amount: total };
  doc.countryOfOrigin = findLabeled(lines, /country\s+of\s+origin/, readCountry);
  const dangerousGoods = dangerousGoodsOf(lines);
  doc.lines = goodsLines(lines, dangerousGoods);
  doc.equipment = findAll(lines, /\b([A-Z]{3}[UJZ])\s?(\d{6})[\s-]?(\d)\b/, (m) => ({ value: normalizeContainerNumber(m[0]), confidence: 0.9 }))
    .map((containerNumber) => ({ path: containerNumber.path, containerNumber, seals: [] }));
  doc.transport = {
    mode: type === 'air_waybill' ? { value: 'air', path: 'page 1, line 1', confidence: 0.8 } : type === 'bill_of_lading' ? { value: 'sea', path: 'page 1, line 1', confidence: 0.8 } : undefined,
    portOfLoading: findLabeled(lines, /port\s+of\s+loading|POL/, locode),
    portOfDischarge: findLabeled(lines, /port\s+of\s+discharge|POD/, locode),
    vesselName: findLabeled(lines, /vessel(?:\s+name)?|ocean\s+vessel/, (t) => freeText(t.replace(/\s+voy.*$/i, ''))),
    vesselImo: findAll(lines, /\bIMO\s*(?:no\.?|number)?\s*[:.]?\s*(\d{7})\b/i, (m) => ({ value: m[1], confidence: 0.9 }))[0],
    voyageNumber: findLabeled(lines, /voyage(?:\s+no\.?)?|voy\.?/, identifier),
    awbNumber: findAll(lines, /\b(\d{3})[\s-](\d{4})\s?(\d{4})\b/, (m) => ({ value: `${m[1]}-${m[2]}${m[3]}`, confidence: type === 'air_waybill' ? 0.85 : 0.5 }))[0],
    departureDate: findLabeled(lines, /(?:date\s+of\s+)?departure(?:\s+date)?|ETD/, dateAt),
    arrivalDate: findLabeled(lines, /(?:date\s+of\s+)?arrival(?:\s+date)?|ETA/, dateAt),
    destinationCountry: findLabeled(lines, /country\s+of\s+(?:final\s+)?destination|destination\s+country/, readCountry),
  };
  if (type === 'air_waybill') doc.documentNumber = doc.transport.awbNumber;
  if (type === 'dangerous_goods_declaration') doc.dangerousGoodsDeclared = { value: true, path: linePath(lines[0]), confidence: 0.8 };
  return doc;
}
