// What other modules use of the public pages besides their routes: the plain-HTML frame (escaping,
// language, page layout) the board, rating and survey pages render into.
export { esc, langOf, page, switchLang, type Lang } from './html.js';
