import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/types.js';
import type { Clock } from './clock.js';
import type { AppConfig } from '../config.js';

/** What every service needs: the database, the clock and the configuration. */
export interface AppContext {
  db: Db;
  clock: Clock;
  config: AppConfig;
}

/** A query runner: the database itself or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;
