/** The one payload every library sends: a valid 10-field disposition, strings only. */
export const DISPOSITION = {
  campaign: 'Sales<-',
  callerid: '098447120',
  guid: '6b1c2f0e-4a8d-4e51-9a57-3c2d1f0b9e21',
  l1: 'Sale',
  l2: 'Closed',
  l3: 'Card',
  d1: 'Customer asked for the premium plan',
  d2: 'Delivery next week',
  comment: 'Called back after 10 minutes; very friendly.',
  schedule: '2026-12-01 10:30:00',
};

/**
 * The n-th distinct disposition: the same ten fields, the comment numbered. Every call of a run is a
 * different disposition, as in real use (ucbridge's form answers a repeat of one from its memory
 * without calling the platform again, which would make its figures look better than they are).
 */
export const dispositionNumber = (n) => ({ ...DISPOSITION, comment: `${DISPOSITION.comment} #${n}` });
