// What other modules use of units besides its service: the unit code and kind.
export { unitCode, unitKindSchema, type UnitKind } from './schema.js';
