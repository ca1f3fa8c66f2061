import { parseIsoDate } from '../dates.js';
import { findingAt, type Rule } from '../rule.js';

export const transportArrivalBeforeDeparture: Rule = {
  id: 'transport.arrival-before-departure',
  severity: 'error',
  description: 'The arrival date is not before the departure date.',
  rationale: 'Impossible voyage dates are rejected by advance-filing systems and point to swapped or mistyped dates.',
  check(doc) {
    const { departureDate, arrivalDate } = doc.transport;
    const departure = departureDate && parseIsoDate(departureDate.value);
    const arrival = arrivalDate && parseIsoDate(arrivalDate.value);
    if (!departure || !arrival || !arrivalDate || arrival >= departure) return [];
    return [findingAt(this, arrivalDate, `Arrival ${arrivalDate.value} is before departure ${departureDate!.value}.`, {
      hint: 'Check whether the two dates were swapped.',
    })];
  },
};
