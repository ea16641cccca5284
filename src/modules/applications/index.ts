// What other modules use of applications besides its service: the public list of service items.
export { publicServiceItems } from './service-items.js';
