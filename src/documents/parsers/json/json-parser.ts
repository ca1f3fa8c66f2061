import type { DocumentType, Finding, KnownDocumentType } from '../../../compliance/types.js';
import { isKnownDocumentType } from '../../../compliance/types.js';
import { unreadable, type ParseOutcome } from '../types.js';
import { mapCargolintDocument } from './cargolint-mapper.js';
import { CARGOLINT_SCHEMAS } from './cargolint-schemas.js';
import { isDcsaTransportDocument, mapDcsaTransportDocument } from './dcsa-mapper.js';
import { isObject } from './json-fields.js';
import { validateAgainstSchema } from './json-schema.js';

function decodeJson(bytes: Buffer): { ok: true; value: unknown } | { ok: false; reason: string } {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: false, reason: 'the file is empty' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Reads CargoLint JSON documents and DCSA eBL 3.x Transport Documents; anything else is reported, not thrown. */
export function parseJsonDocument(bytes: Buffer, declaredType?: DocumentType): ParseOutcome {
  const decoded = decodeJson(bytes);
  if (!decoded.ok) {
    return unreadable(`The file is not valid JSON: ${decoded.reason}.`, 'Check that the file is complete and was exported as UTF-8 JSON.');
  }
  const json = decoded.value;
  if (isDcsaTransportDocument(json)) {
    return { document: mapDcsaTransportDocument(json), findings: [], needsReview: false, detectedType: 'bill_of_lading' };
  }
  if (!isObject(json)) {
    return unreadable('The JSON is not a document object.', 'Send one document object per file, not an array.', 'document.unrecognized-format');
  }
  const ownType = json.document_type;
  const type: KnownDocumentType | null = isKnownDocumentType(ownType)
    ? ownType
    : isKnownDocumentType(declaredType) ? declaredType : null;
  if (!type) {
    const described = ownType === undefined ? 'has no "document_type"' : `has an unknown "document_type" ${JSON.stringify(ownType)}`;
    return unreadable(
      `The JSON ${described} and is not a DCSA transport document.`,
      'Set "document_type" to commercial_invoice, packing_list, bill_of_lading, certificate_of_origin, air_waybill or dangerous_goods_declaration.',
      'document.unrecognized-format',
    );
  }
  const findings = schemaFindings(json, type);
  if (isKnownDocumentType(ownType) && isKnownDocumentType(declaredType) && ownType !== declaredType) {
    findings.push({
      rule_id: 'document.type-mismatch',
      severity: 'warning',
      message: `The upload was declared as ${declaredType} but the document says it is a ${ownType}; it was checked as a ${ownType}.`,
      path: '/document_type',
    });
  }
  return { document: mapCargolintDocument(json, type), findings, needsReview: false, detectedType: type };
}

function schemaFindings(json: unknown, type: KnownDocumentType): Finding[] {
  return validateAgainstSchema(json, CARGOLINT_SCHEMAS[type]).map((violation) => ({
    rule_id: 'document.schema',
    severity: violation.kind === 'unknown_property' ? 'warning' : 'error',
    message: violation.kind === 'unknown_property' ? `${violation.message}; it was ignored.` : `${violation.message}.`,
    path: violation.path,
    hint: `See the ${type} schema in docs/document-format.md.`,
  }));
}
