import { eq } from 'drizzle-orm'
import { cycles } from '../db/schema.js'
import { recordAudit, type Actor, type Executor } from './audit.js'

export interface Cycle {
  id: number
  name: string
  ruleSets: string[]
  /** null: every agency takes part. */
  agencyIds: number[] | null
  startsOn: string
  endsOn: string
  referenceDate: string
  status: 'open' | 'closed'
}

const columns = {
  id: cycles.id,
  name: cycles.name,
  ruleSets: cycles.ruleSets,
  agencyIds: cycles.agencyIds,
  startsOn: cycles.startsOn,
  endsOn: cycles.endsOn,
  referenceDate: cycles.referenceDate,
  status: cycles.status
}

export function listCycles (db: Executor): Cycle[] {
  return db.select(columns).from(cycles).orderBy(cycles.id).all() as Cycle[]
}

export function getCycle (db: Executor, id: number): Cycle | undefined {
  return db.select(columns).from(cycles).where(eq(cycles.id, id)).get() as Cycle | undefined
}

export function createCycle (db: Executor, actor: Actor, input: Omit<Cycle, 'id' | 'status'>): Cycle {
  return db.transaction((tx) => {
    const row = tx.insert(cycles).values(input).returning(columns).get() as Cycle
    recordAudit(tx, actor, { action: 'create', entity: 'cycle', entityId: row.id, before: null, after: row })
    return row
  })
}

export function setCycleStatus (db: Executor, actor: Actor, id: number, status: Cycle['status']): Cycle {
  return db.transaction((tx) => {
    const before = getCycle(tx, id) as Cycle
    const after = tx.update(cycles).set({ status }).where(eq(cycles.id, id)).returning(columns).get() as Cycle
    recordAudit(tx, actor, { action: 'update', entity: 'cycle', entityId: id, before: { status: before.status }, after: { status } })
    return after
  })
}
