import { eq, inArray } from 'drizzle-orm'
import { agencies } from '../db/schema.js'
import type { AgencyType } from '../rules/agency-types.js'
import { recordAudit, type Actor, type Executor } from './audit.js'

export interface Agency {
  id: number
  name: string
  type: AgencyType
}

const columns = { id: agencies.id, name: agencies.name, type: agencies.type }

export function listAgencies (db: Executor, ids?: number[]): Agency[] {
  const q = db.select(columns).from(agencies)
  return (ids ? q.where(inArray(agencies.id, ids)) : q).orderBy(agencies.id).all() as Agency[]
}

export function getAgency (db: Executor, id: number): Agency | undefined {
  return db.select(columns).from(agencies).where(eq(agencies.id, id)).get() as Agency | undefined
}

export function findAgencyByName (db: Executor, name: string): Agency | undefined {
  return db.select(columns).from(agencies).where(eq(agencies.name, name)).get() as Agency | undefined
}

export function createAgency (db: Executor, actor: Actor, input: { name: string, type: AgencyType }): Agency {
  return db.transaction((tx) => {
    const row = tx.insert(agencies).values(input).returning(columns).get() as Agency
    recordAudit(tx, actor, { action: 'create', entity: 'agency', entityId: row.id, before: null, after: row })
    return row
  })
}
