// What other modules may use from audit besides its use cases: the signed checkpoints (reports print the latest).
export { latestCheckpoint, publishCheckpoint } from './integrity.js';
