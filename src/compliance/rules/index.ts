import type { Rule } from '../rule.js';
import { arithmeticChargeTotal } from './arithmetic-charge-total.js';
import { arithmeticInvoiceTotal } from './arithmetic-invoice-total.js';
import { arithmeticLineTotal } from './arithmetic-line-total.js';
import { arithmeticNonPositive } from './arithmetic-non-positive.js';
import { awbNumber } from './awb-number.js';
import { cargoEquipmentReference } from './cargo-equipment-reference.js';
import { containerCheckDigitRule } from './container-check-digit.js';
import { containerDuplicate } from './container-duplicate.js';
import { containerFormat } from './container-format.js';
import { containerSealMissing } from './container-seal-missing.js';
import { countryCode } from './country-code.js';
import { currencyCode } from './currency-code.js';
import { currencyMinorUnits } from './currency-minor-units.js';
import { currencyMixed } from './currency-mixed.js';
import { dateFuture } from './date-future.js';
import { dateInvalid } from './date-invalid.js';
import { dateOrder } from './date-order.js';
import { dcsaRequiredFields } from './dcsa-required-fields.js';
import { dgCodes } from './dg-codes.js';
import { dgRequiredFields } from './dg-required-fields.js';
import { dgUndeclared } from './dg-undeclared.js';
import { goodsVagueDescription } from './goods-vague-description.js';
import { hsCodeExists } from './hs-code-exists.js';
import { hsCodeFormat } from './hs-code-format.js';
import { hsCodeMissing } from './hs-code-missing.js';
import { hsCodeReservedChapter } from './hs-code-reserved-chapter.js';
import { incotermLegacy } from './incoterm-legacy.js';
import { incotermNamedPlace } from './incoterm-named-place.js';
import { incotermTransportMode } from './incoterm-transport-mode.js';
import { incotermValid } from './incoterm-valid.js';
import { originMissing } from './origin-missing.js';
import { packingTotals } from './packing-totals.js';
import { partyLei } from './party-lei.js';
import { sanctionsEmbargoedDestination } from './sanctions-embargoed-destination.js';
import { sanctionsRestrictedDestination } from './sanctions-restricted-destination.js';
import { transportArrivalBeforeDeparture } from './transport-arrival-before-departure.js';
import { transportSamePorts } from './transport-same-ports.js';
import { unlocodeExists } from './unlocode-exists.js';
import { unlocodeFormat } from './unlocode-format.js';
import { unlocodePortFunction } from './unlocode-port-function.js';
import { vesselImo } from './vessel-imo.js';
import { weightEquipmentMismatch } from './weight-equipment-mismatch.js';
import { weightNetExceedsGross } from './weight-net-exceeds-gross.js';

/** Every rule, in the order findings are reported. Adding a rule here adds it to the API, the worker and the CLI. */
export const ALL_RULES: readonly Rule[] = [
  dcsaRequiredFields,
  containerFormat, containerCheckDigitRule, containerDuplicate, containerSealMissing, cargoEquipmentReference,
  vesselImo, awbNumber, partyLei,
  countryCode, currencyCode, currencyMinorUnits, currencyMixed,
  unlocodeFormat, unlocodeExists, unlocodePortFunction,
  hsCodeFormat, hsCodeReservedChapter, hsCodeExists, hsCodeMissing,
  incotermValid, incotermLegacy, incotermNamedPlace, incotermTransportMode,
  arithmeticLineTotal, arithmeticInvoiceTotal, arithmeticChargeTotal, arithmeticNonPositive,
  packingTotals, weightNetExceedsGross, weightEquipmentMismatch,
  transportSamePorts, transportArrivalBeforeDeparture,
  dateInvalid, dateFuture, dateOrder,
  dgRequiredFields, dgCodes, dgUndeclared,
  goodsVagueDescription, originMissing,
  sanctionsEmbargoedDestination, sanctionsRestrictedDestination,
];
