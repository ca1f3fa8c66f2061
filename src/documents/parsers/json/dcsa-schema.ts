import type { JsonSchema } from './json-schema.js';

/**
 * The required fields of a DCSA eBL 3.x Transport Document, written down from the DCSA EBL 3.0 OpenAPI
 * (TransportDocument and its nested objects). Only presence, type, length and the closed code lists the rules
 * depend on are checked; DCSA's optional fields and open code lists are left alone so that new minor versions
 * keep passing.
 */
const text = (maxLength?: number): JsonSchema => ({
  type: 'string', minLength: 1, ...(maxLength ? { maxLength } : {}),
  pattern: '^\\S(?:.*\\S)?$', description: 'no leading or trailing spaces',
});
const location: JsonSchema = { type: 'object', required: ['UNLocationCode'], properties: { UNLocationCode: { type: 'string' } } };
const party: JsonSchema = { type: 'object', required: ['partyName'], properties: { partyName: text(70) } };

const dangerousGoods: JsonSchema = {
  type: 'object',
  required: ['properShippingName', 'imoClass'],
  properties: { properShippingName: text(250), imoClass: text(4), packingGroup: { type: 'integer', enum: [1, 2, 3] } },
};

const cargoItem: JsonSchema = {
  type: 'object',
  required: ['equipmentReference', 'cargoGrossWeight', 'outerPackaging'],
  properties: {
    equipmentReference: text(11),
    cargoGrossWeight: {
      type: 'object', required: ['value', 'unit'],
      properties: { value: { type: 'number', minimum: 0 }, unit: { enum: ['KGM', 'LBR'] } },
    },
    outerPackaging: {
      type: 'object', required: ['description'],
      properties: {
        description: text(100), numberOfPackages: { type: 'integer', minimum: 1 },
        dangerousGoods: { type: 'array', items: dangerousGoods },
      },
    },
  },
};

export const DCSA_TRANSPORT_DOCUMENT_SCHEMA: JsonSchema = {
  title: 'DCSA eBL 3.x Transport Document (required fields)',
  type: 'object',
  required: [
    'transportDocumentReference', 'transportDocumentStatus', 'transportDocumentTypeCode', 'isShippedOnBoardType',
    'freightPaymentTermCode', 'isElectronic', 'isToOrder', 'termsAndConditions', 'receiptTypeAtOrigin',
    'deliveryTypeAtDestination', 'cargoMovementTypeAtOrigin', 'cargoMovementTypeAtDestination', 'carrierCode',
    'carrierCodeListProvider', 'documentParties', 'consignmentItems', 'utilizedTransportEquipments', 'transports',
  ],
  properties: {
    transportDocumentReference: text(20),
    shippingInstructionsReference: text(100),
    transportDocumentStatus: text(50),
    transportDocumentTypeCode: { enum: ['BOL', 'SWB'] },
    isShippedOnBoardType: { type: 'boolean' },
    freightPaymentTermCode: { enum: ['PRE', 'COL'] },
    isElectronic: { type: 'boolean' },
    isToOrder: { type: 'boolean' },
    termsAndConditions: { type: 'string', minLength: 1 },
    receiptTypeAtOrigin: { enum: ['CY', 'SD', 'CFS'] },
    deliveryTypeAtDestination: { enum: ['CY', 'SD', 'CFS'] },
    cargoMovementTypeAtOrigin: { enum: ['FCL', 'LCL'] },
    cargoMovementTypeAtDestination: { enum: ['FCL', 'LCL'] },
    carrierCode: text(4),
    carrierCodeListProvider: { enum: ['SMDG', 'NMFTA'] },
    documentParties: {
      type: 'object', required: ['shipper', 'issuingParty'],
      properties: { shipper: party, consignee: party, issuingParty: party, endorsee: party },
    },
    consignmentItems: {
      type: 'array', minItems: 1,
      items: {
        type: 'object', required: ['carrierBookingReference', 'descriptionOfGoods', 'HSCodes', 'cargoItems'],
        properties: {
          carrierBookingReference: text(35),
          descriptionOfGoods: { type: 'array', minItems: 1, items: text(5000) },
          HSCodes: { type: 'array', minItems: 1, items: { type: 'string' } },
          cargoItems: { type: 'array', minItems: 1, items: cargoItem },
        },
      },
    },
    utilizedTransportEquipments: {
      type: 'array', minItems: 1,
      items: {
        type: 'object', required: ['isShipperOwned', 'seals'],
        properties: {
          isShipperOwned: { type: 'boolean' },
          equipment: { type: 'object', required: ['equipmentReference'], properties: { equipmentReference: text(11) } },
          seals: { type: 'array', minItems: 1, items: { type: 'object', required: ['number'], properties: { number: text(15) } } },
        },
      },
    },
    transports: {
      type: 'object',
      required: ['plannedDepartureDate', 'plannedArrivalDate', 'portOfLoading', 'portOfDischarge', 'vesselVoyages'],
      properties: {
        plannedDepartureDate: { type: 'string' },
        plannedArrivalDate: { type: 'string' },
        portOfLoading: location,
        portOfDischarge: location,
        vesselVoyages: {
          type: 'array', minItems: 1,
          items: { type: 'object', required: ['vesselName', 'carrierExportVoyageNumber'], properties: { vesselName: text(50), carrierExportVoyageNumber: text(50) } },
        },
      },
    },
    charges: {
      type: 'array',
      items: {
        type: 'object',
        required: ['chargeName', 'currencyAmount', 'currencyCode', 'paymentTermCode', 'calculationBasis', 'unitPrice', 'quantity'],
        properties: { currencyAmount: { type: 'number' }, unitPrice: { type: 'number' }, quantity: { type: 'number' } },
      },
    },
  },
};
