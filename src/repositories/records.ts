import { and, asc, eq, inArray } from 'drizzle-orm'
import { assessments, evidence, factValues, localTargets, reviews } from '../db/schema.js'
import { conflict } from '../errors.js'
import type { FactValue } from '../rules/facts.js'
import type { Rag } from '../rules/schema.js'
import { recordAudit, type Actor, type Executor } from './audit.js'

// What an agency records in a cycle: facts, local targets, self-assessments with their
// evidence, and the auditors' reviews of them.

export interface Scope {
  cycleId: number
  agencyId: number
}

export interface RuleScope extends Scope {
  setId: string
  ruleId: string
}

const scopeKey = (s: Scope) => `${s.cycleId}/${s.agencyId}`
const ruleScopeKey = (s: RuleScope) => `${s.cycleId}/${s.agencyId}/${s.setId}/${s.ruleId}`

// ---- Facts ----------------------------------------------------------------------

export function getFacts (db: Executor, s: Scope): Record<string, FactValue> {
  const rows = db.select({ factId: factValues.factId, value: factValues.value }).from(factValues)
    .where(and(eq(factValues.cycleId, s.cycleId), eq(factValues.agencyId, s.agencyId)))
    .orderBy(asc(factValues.factId)).all()
  return Object.fromEntries(rows.map((r) => [r.factId, r.value]))
}

/** Sets and clears (null) fact values in one transaction; one audit entry for the change. */
export function putFacts (db: Executor, actor: Actor, s: Scope, values: Record<string, FactValue | null>): Record<string, FactValue> {
  return db.transaction((tx) => {
    const current = getFacts(tx, s)
    const before: Record<string, FactValue | null> = {}
    const after: Record<string, FactValue | null> = {}
    const now = new Date().toISOString()
    for (const [factId, value] of Object.entries(values)) {
      const old = current[factId] ?? null
      if (old === value) continue
      before[factId] = old
      after[factId] = value
      const where = and(eq(factValues.cycleId, s.cycleId), eq(factValues.agencyId, s.agencyId), eq(factValues.factId, factId))
      if (value === null) {
        tx.delete(factValues).where(where).run()
      } else {
        tx.insert(factValues).values({ ...s, factId, value, updatedAt: now, updatedBy: actor?.id ?? null })
          .onConflictDoUpdate({ target: [factValues.cycleId, factValues.agencyId, factValues.factId], set: { value, updatedAt: now, updatedBy: actor?.id ?? null } })
          .run()
      }
    }
    if (Object.keys(after).length > 0) recordAudit(tx, actor, { action: 'update', entity: 'facts', entityId: scopeKey(s), before, after })
    return getFacts(tx, s)
  })
}

// ---- Local targets --------------------------------------------------------------

export interface TargetRow {
  setId: string
  ruleId: string
  value: number
}

export function getTargets (db: Executor, s: Scope): TargetRow[] {
  return db.select({ setId: localTargets.setId, ruleId: localTargets.ruleId, value: localTargets.value }).from(localTargets)
    .where(and(eq(localTargets.cycleId, s.cycleId), eq(localTargets.agencyId, s.agencyId)))
    .orderBy(asc(localTargets.setId), asc(localTargets.ruleId)).all()
}

export function putTargets (db: Executor, actor: Actor, s: Scope, targets: Array<{ setId: string, ruleId: string, value: number | null }>): TargetRow[] {
  return db.transaction((tx) => {
    const current = new Map(getTargets(tx, s).map((t) => [`${t.setId}/${t.ruleId}`, t.value]))
    const before: Record<string, number | null> = {}
    const after: Record<string, number | null> = {}
    const now = new Date().toISOString()
    for (const t of targets) {
      const key = `${t.setId}/${t.ruleId}`
      const old = current.get(key) ?? null
      if (old === t.value) continue
      before[key] = old
      after[key] = t.value
      const where = and(eq(localTargets.cycleId, s.cycleId), eq(localTargets.agencyId, s.agencyId), eq(localTargets.setId, t.setId), eq(localTargets.ruleId, t.ruleId))
      if (t.value === null) {
        tx.delete(localTargets).where(where).run()
      } else {
        tx.insert(localTargets).values({ ...s, setId: t.setId, ruleId: t.ruleId, value: t.value, updatedAt: now, updatedBy: actor?.id ?? null })
          .onConflictDoUpdate({ target: [localTargets.cycleId, localTargets.agencyId, localTargets.setId, localTargets.ruleId], set: { value: t.value, updatedAt: now, updatedBy: actor?.id ?? null } })
          .run()
      }
    }
    if (Object.keys(after).length > 0) recordAudit(tx, actor, { action: 'update', entity: 'targets', entityId: scopeKey(s), before, after })
    return getTargets(tx, s)
  })
}

// ---- Self-assessments -----------------------------------------------------------

export interface Assessment {
  rag: Rag | 'na'
  narrative: string | null
  naReason: string | null
  version: number
  updatedAt: string
  updatedBy: number | null
}

const assessmentColumns = {
  rag: assessments.rag,
  narrative: assessments.narrative,
  naReason: assessments.naReason,
  version: assessments.version,
  updatedAt: assessments.updatedAt,
  updatedBy: assessments.updatedBy
}

function whereRule (s: RuleScope) {
  return and(eq(assessments.cycleId, s.cycleId), eq(assessments.agencyId, s.agencyId), eq(assessments.setId, s.setId), eq(assessments.ruleId, s.ruleId))
}

export function getAssessment (db: Executor, s: RuleScope): Assessment | undefined {
  return db.select(assessmentColumns).from(assessments).where(whereRule(s)).get()
}

export interface AssessmentInput {
  rag: Rag | 'na'
  narrative: string | null
  naReason: string | null
  /** The version last read; a different current version means someone else wrote since. */
  version?: number | undefined
}

export function putAssessment (db: Executor, actor: Actor, s: RuleScope, input: AssessmentInput): Assessment {
  return db.transaction((tx) => {
    const current = getAssessment(tx, s)
    if (current && input.version !== undefined && input.version !== current.version) {
      throw conflict(`This rating was changed by someone else (now version ${current.version}, you sent ${input.version}). Reload it and apply your change again.`)
    }
    const fields = { rag: input.rag, narrative: input.narrative, naReason: input.rag === 'na' ? input.naReason : null }
    const now = new Date().toISOString()
    const after = current
      ? tx.update(assessments).set({ ...fields, version: current.version + 1, updatedAt: now, updatedBy: actor?.id ?? null }).where(whereRule(s)).returning(assessmentColumns).get()
      : tx.insert(assessments).values({ ...s, ...fields, version: 1, updatedAt: now, updatedBy: actor?.id ?? null }).returning(assessmentColumns).get()
    recordAudit(tx, actor, { action: current ? 'update' : 'create', entity: 'assessment', entityId: ruleScopeKey(s), before: current ?? null, after })
    return after as Assessment
  })
}

// ---- Evidence -------------------------------------------------------------------

export interface EvidenceInput {
  kind: 'link' | 'note'
  title: string
  url: string | null
  text: string | null
}

export function addEvidence (db: Executor, actor: Actor, s: RuleScope, input: EvidenceInput) {
  return db.transaction((tx) => {
    const row = tx.insert(evidence).values({ ...s, ...input, createdBy: actor?.id ?? null })
      .returning({ id: evidence.id, kind: evidence.kind, title: evidence.title, url: evidence.url, text: evidence.text, createdAt: evidence.createdAt }).get()
    recordAudit(tx, actor, { action: 'create', entity: 'evidence', entityId: row.id, before: null, after: { ...s, ...row } })
    return row
  })
}

export function listEvidence (db: Executor, s: RuleScope) {
  return db.select({ id: evidence.id, kind: evidence.kind, title: evidence.title, url: evidence.url, text: evidence.text, createdAt: evidence.createdAt })
    .from(evidence)
    .where(and(eq(evidence.cycleId, s.cycleId), eq(evidence.agencyId, s.agencyId), eq(evidence.setId, s.setId), eq(evidence.ruleId, s.ruleId)))
    .orderBy(asc(evidence.id)).all()
}

// ---- Reviews --------------------------------------------------------------------

export interface ReviewInput {
  decision: 'agree' | 'challenge'
  rag: Rag | null
  comment: string | null
  assessmentVersion: number | null
}

const reviewColumns = {
  id: reviews.id,
  decision: reviews.decision,
  rag: reviews.rag,
  comment: reviews.comment,
  assessmentVersion: reviews.assessmentVersion,
  createdAt: reviews.createdAt,
  createdBy: reviews.createdBy
}

export function addReview (db: Executor, actor: Actor, s: RuleScope, input: ReviewInput) {
  return db.transaction((tx) => {
    const row = tx.insert(reviews).values({ ...s, ...input, createdBy: actor?.id ?? null }).returning(reviewColumns).get()
    recordAudit(tx, actor, { action: 'create', entity: 'review', entityId: row.id, before: null, after: { ...s, ...row } })
    return row
  })
}

// ---- Everything of a cycle, for the engine ----------------------------------------

export function cycleRecords (db: Executor, cycleId: number, agencyIds: number[]) {
  const forCycle = <T extends { cycleId: any, agencyId: any }>(t: T) => and(eq(t.cycleId, cycleId), inArray(t.agencyId, agencyIds))
  return {
    facts: db.select().from(factValues).where(forCycle(factValues)).all(),
    targets: db.select().from(localTargets).where(forCycle(localTargets)).all(),
    assessments: db.select().from(assessments).where(forCycle(assessments)).all(),
    // Oldest first, so the last one seen per rule is the latest.
    reviews: db.select().from(reviews).where(forCycle(reviews)).orderBy(asc(reviews.id)).all()
  }
}
