import { and, desc, eq, type SQL } from 'drizzle-orm'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import type { RunResult } from 'better-sqlite3'
import { auditLog, type ROLES } from '../db/schema.js'
import type * as schema from '../db/schema.js'

/** The database or a transaction on it: repositories work inside either. */
export type Executor = BaseSQLiteDatabase<'sync', RunResult, typeof schema>

/** Who is making a change: null when the system itself does (migrations, demo data). */
export type Actor = { id: number, role: (typeof ROLES)[number], agencyId: number | null } | null

export interface AuditEntry {
  action: string
  entity: string
  entityId: string | number
  before: unknown
  after: unknown
}

/** One entry per change, written in the same transaction as the change itself. */
export function recordAudit (tx: Executor, actor: Actor, entry: AuditEntry): void {
  tx.insert(auditLog).values({
    userId: actor?.id ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
    at: new Date().toISOString()
  }).run()
}

export interface AuditQuery {
  limit: number
  entity?: string | undefined
  entityId?: string | undefined
}

export function listAudit (db: Executor, q: AuditQuery) {
  const where: SQL[] = []
  if (q.entity) where.push(eq(auditLog.entity, q.entity))
  if (q.entityId) where.push(eq(auditLog.entityId, q.entityId))
  return db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.id)).limit(q.limit).all()
}
