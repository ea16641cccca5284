// What other modules use of units besides its service: the unit code and kind, and the id and
// version parameters of the routes.
export { idParams, unitCode, unitKindSchema, versionQuery, type UnitKind } from './schema.js';
