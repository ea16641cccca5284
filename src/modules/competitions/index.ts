// What other modules (awards, sanctions) use of competitions besides its service: each unit's
// total, rank and eligibility in the organisation's published competitions of a period.
export { readCompetitionStandings, readPublishedStandings, type CompetitionStanding } from './service.js';
