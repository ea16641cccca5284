import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connect.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_cases.js';
import * as m0003 from './migrations/0003_service_items.js';
import * as m0004 from './migrations/0004_ratings.js';
import * as m0005 from './migrations/0005_surveys.js';
import * as m0006 from './migrations/0006_commitments.js';
import * as m0007 from './migrations/0007_dashboard.js';
import * as m0008 from './migrations/0008_pending_deadlines.js';
import * as m0009 from './migrations/0009_paused_clocks_public_notes.js';
import * as m0010 from './migrations/0010_rating_details.js';
import * as m0011 from './migrations/0011_login_throttle_pinyin.js';
import * as m0012 from './migrations/0012_case_attachments.js';
import * as m0013 from './migrations/0013_bulletin_email.js';
import * as m0014 from './migrations/0014_clock_indexes_paused.js';
import * as m0015 from './migrations/0015_rating_months.js';
import * as m0016 from './migrations/0016_keyed_audit_token_scopes.js';
import * as m0017 from './migrations/0017_tracking_numbers_per_organisation.js';
import * as m0018 from './migrations/0018_inspections.js';
import * as m0019 from './migrations/0019_rating_arrivals.js';
import * as m0020 from './migrations/0020_inspection_round_index.js';
import * as m0021 from './migrations/0021_incident_file.js';
import * as m0022 from './migrations/0022_ledger.js';
import * as m0023 from './migrations/0023_sanctions.js';
import * as m0024 from './migrations/0024_inspection_band_facts.js';
import * as m0025 from './migrations/0025_inspection_assignments.js';
import * as m0026 from './migrations/0026_audit_key_check.js';
import * as m0027 from './migrations/0027_webhooks.js';
import * as m0028 from './migrations/0028_awards.js';
import * as m0029 from './migrations/0029_campaigns.js';
import * as m0030 from './migrations/0030_sanction_unpriced.js';
import * as m0031 from './migrations/0031_competitions.js';
import * as m0032 from './migrations/0032_follow_up_keys.js';
import * as m0033 from './migrations/0033_dashboard_months_background.js';
import * as m0034 from './migrations/0034_competition_sanctions.js';
import * as m0035 from './migrations/0035_appraisal_templates.js';
import * as m0036 from './migrations/0036_appraisals.js';
import * as m0037 from './migrations/0037_sweep_claim_order.js';
import * as m0038 from './migrations/0038_clock_checks.js';
import * as m0039 from './migrations/0039_notifications_pending_partial.js';

/** Migrations are listed here in order; they run forward only, on both databases. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_cases': m0002,
  '0003_service_items': m0003,
  '0004_ratings': m0004,
  '0005_surveys': m0005,
  '0006_commitments': m0006,
  '0007_dashboard': m0007,
  '0008_pending_deadlines': m0008,
  '0009_paused_clocks_public_notes': m0009,
  '0010_rating_details': m0010,
  '0011_login_throttle_pinyin': m0011,
  '0012_case_attachments': m0012,
  '0013_bulletin_email': m0013,
  '0014_clock_indexes_paused': m0014,
  '0015_rating_months': m0015,
  '0016_keyed_audit_token_scopes': m0016,
  '0017_tracking_numbers_per_organisation': m0017,
  '0018_inspections': m0018,
  '0019_rating_arrivals': m0019,
  '0020_inspection_round_index': m0020,
  '0021_incident_file': m0021,
  '0022_ledger': m0022,
  '0023_sanctions': m0023,
  '0024_inspection_band_facts': m0024,
  '0025_inspection_assignments': m0025,
  '0026_audit_key_check': m0026,
  '0027_webhooks': m0027,
  '0028_awards': m0028,
  '0029_campaigns': m0029,
  '0030_sanction_unpriced': m0030,
  '0031_competitions': m0031,
  '0032_follow_up_keys': m0032,
  '0033_dashboard_months_background': m0033,
  '0034_competition_sanctions': m0034,
  '0035_appraisal_templates': m0035,
  '0036_appraisals': m0036,
  '0037_sweep_claim_order': m0037,
  '0038_clock_checks': m0038,
  '0039_notifications_pending_partial': m0039,
};

/** Names of the migrations this build knows, in order. */
export const migrationNames = Object.keys(migrations);

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/**
 * Brings the schema up to date. On PostgreSQL Kysely's migrator holds an advisory lock,
 * so several app processes may start at once and only one applies each migration.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  return migrateTo(db);
}

/** Brings the schema up to the named migration (tests of a migration on existing data), or the latest. */
export async function migrateTo(db: Db, name?: string): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider: new StaticProvider() });
  const { error, results } = name ? await migrator.migrateTo(name) : await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
