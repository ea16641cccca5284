// What other modules use of the ledger besides its service: 元 as people read them.
export { yuan } from './money.js';
