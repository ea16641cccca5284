// What other modules (and the screens' certificate route) use of awards besides the routes.
export { getWinnerForCertificate, listHonours, publicHonourRoll } from './honours.js';
export { getPublicRound } from './publicity.js';
export { getResults } from './ballots.js';
// The public board's 评选 sections (publicity links, 光荣榜): data and HTML.
export { boardAwards, type BoardAwards } from './board.js';
export { renderBoardAwards } from './public-page.js';
