import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { paths } from '../paths.js'
import * as schema from './schema.js'

// Everything that knows the database is SQLite stays in this folder.

export type Db = BetterSQLite3Database<typeof schema>

export interface DatabaseHandle {
  db: Db
  sqlite: Database.Database
  close: () => void
}

/** Opens (creating if needed) the SQLite file, sets the pragmas and applies pending migrations. */
export function openDatabase (file: string): DatabaseHandle {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  const db = drizzle(sqlite, { schema, casing: 'snake_case' })
  migrate(db, { migrationsFolder: paths.migrations })
  return { db, sqlite, close: () => { sqlite.close() } }
}

/** SQLite's online backup: a consistent copy while the server keeps running. */
export async function backupDatabase (sqlite: Database.Database, destination: string): Promise<void> {
  mkdirSync(dirname(destination), { recursive: true })
  await sqlite.backup(destination)
}
