// What other modules use of complaints besides its service: the complaint bodies (open311 and the
// public form take the same input) and the default categories and causes.
export { MAX_PHOTO_BYTES, MAX_PUBLIC_PHOTOS, createComplaintBody, publicComplaintBody, publicSatisfactionBody } from './schema.js';
export { defaultComplaintCauses } from './taxonomy.js';
export { complaintTaxonomyLabels, readComplaintTaxonomy } from './categories.js';
