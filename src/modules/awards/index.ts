// What other modules (and the screens' certificate route) use of awards besides the routes.
export { getWinnerForCertificate, listHonours, publicHonourRoll } from './honours.js';
export { getPublicRound } from './publicity.js';
export { getResults } from './ballots.js';
