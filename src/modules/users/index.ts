export { actorNamer } from './names.js';
