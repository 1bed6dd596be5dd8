import { and, asc, eq, inArray } from 'drizzle-orm'
import { actionNotes, actionRules, actions } from '../db/schema.js'
import type { ActionStatus } from '../engine/types.js'
import { conflict } from '../errors.js'
import type { RuleRef } from '../rules/schema.js'
import { recordAudit, type Actor, type Executor } from './audit.js'

export interface Action {
  id: number
  cycleId: number
  agencyId: number
  title: string
  owner: string
  dueOn: string
  successMeasure: string
  status: ActionStatus
  version: number
  createdAt: string
  updatedAt: string
  rules: RuleRef[]
  notes: Array<{ note: string, createdAt: string, createdBy: number | null }>
}

const columns = {
  id: actions.id,
  cycleId: actions.cycleId,
  agencyId: actions.agencyId,
  title: actions.title,
  owner: actions.owner,
  dueOn: actions.dueOn,
  successMeasure: actions.successMeasure,
  status: actions.status,
  version: actions.version,
  createdAt: actions.createdAt,
  updatedAt: actions.updatedAt
}

type ActionRow = Omit<Action, 'rules' | 'notes'>

function withDetails (db: Executor, rows: ActionRow[]): Action[] {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const rules = db.select().from(actionRules).where(inArray(actionRules.actionId, ids)).orderBy(asc(actionRules.setId), asc(actionRules.ruleId)).all()
  const notes = db.select().from(actionNotes).where(inArray(actionNotes.actionId, ids)).orderBy(asc(actionNotes.id)).all()
  return rows.map((r) => ({
    ...r,
    rules: rules.filter((x) => x.actionId === r.id).map(({ setId, ruleId }) => ({ setId, ruleId })),
    notes: notes.filter((n) => n.actionId === r.id).map(({ note, createdAt, createdBy }) => ({ note, createdAt, createdBy }))
  }))
}

export function getAction (db: Executor, id: number): Action | undefined {
  const row = db.select(columns).from(actions).where(eq(actions.id, id)).get()
  return row ? withDetails(db, [row])[0] : undefined
}

export function listActions (db: Executor, cycleId: number, agencyIds?: number[]): Action[] {
  const where = agencyIds ? and(eq(actions.cycleId, cycleId), inArray(actions.agencyId, agencyIds)) : eq(actions.cycleId, cycleId)
  return withDetails(db, db.select(columns).from(actions).where(where).orderBy(asc(actions.id)).all())
}

export interface NewAction {
  cycleId: number
  agencyId: number
  rules: RuleRef[]
  title: string
  owner: string
  dueOn: string
  successMeasure: string
  status: ActionStatus
}

export function createAction (db: Executor, actor: Actor, input: NewAction): Action {
  return db.transaction((tx) => {
    const { rules, ...fields } = input
    const now = new Date().toISOString()
    const row = tx.insert(actions).values({ ...fields, createdBy: actor?.id ?? null, updatedAt: now }).returning({ id: actions.id }).get()
    if (rules.length > 0) tx.insert(actionRules).values(rules.map((r) => ({ actionId: row.id, ...r }))).run()
    const created = getAction(tx, row.id) as Action
    recordAudit(tx, actor, { action: 'create', entity: 'action', entityId: row.id, before: null, after: created })
    return created
  })
}

export interface ActionPatch {
  status?: ActionStatus | undefined
  dueOn?: string | undefined
  owner?: string | undefined
  title?: string | undefined
  successMeasure?: string | undefined
  progressNote?: string | undefined
  version?: number | undefined
}

export function updateAction (db: Executor, actor: Actor, id: number, patch: ActionPatch): Action {
  return db.transaction((tx) => {
    const before = getAction(tx, id) as Action
    if (patch.version !== undefined && patch.version !== before.version) {
      throw conflict(`This action was changed by someone else (now version ${before.version}, you sent ${patch.version}). Reload it and apply your change again.`)
    }
    const { progressNote, version: _version, ...fields } = patch
    const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
    tx.update(actions).set({ ...set, version: before.version + 1, updatedAt: new Date().toISOString() }).where(eq(actions.id, id)).run()
    if (progressNote) tx.insert(actionNotes).values({ actionId: id, note: progressNote, createdBy: actor?.id ?? null }).run()
    const after = getAction(tx, id) as Action
    recordAudit(tx, actor, { action: 'update', entity: 'action', entityId: id, before, after })
    return after
  })
}
