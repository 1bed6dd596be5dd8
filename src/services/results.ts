import { consolidate, type Consolidated } from '../engine/analysis.js'
import { ruleKey, type ActionInput, type AgencyRecord, type CycleInput, type ReviewInput } from '../engine/types.js'
import type { Db } from '../db/client.js'
import { listActions } from '../repositories/actions.js'
import { listAgencies, type Agency } from '../repositories/agencies.js'
import type { Cycle } from '../repositories/cycles.js'
import { cycleRecords } from '../repositories/records.js'
import type { RuleCatalog } from '../rules/catalog.js'

// The bridge between stored records and the pure engine: read everything once, hand
// plain data to the engine, never the other way round.

export function cycleInput (catalog: RuleCatalog, cycle: Cycle): CycleInput {
  return { referenceDate: cycle.referenceDate, ruleSets: catalog.setsOf(cycle.ruleSets) }
}

/** The agencies that take part in a cycle, optionally narrowed to some of them. */
export function cycleAgencies (db: Db, cycle: Cycle, only?: number[]): Agency[] {
  const ids = cycle.agencyIds ?? undefined
  const all = listAgencies(db, ids)
  return only ? all.filter((a) => only.includes(a.id)) : all
}

export function agencyRecords (db: Db, cycle: Cycle, agencies: Agency[]): AgencyRecord[] {
  const ids = agencies.map((a) => a.id)
  const rows = cycleRecords(db, cycle.id, ids)
  const actions = listActions(db, cycle.id, ids)
  return agencies.map((agency) => {
    const mine = <T extends { agencyId: number }>(list: T[]) => list.filter((r) => r.agencyId === agency.id)
    const reviews: Record<string, ReviewInput> = {}
    for (const r of mine(rows.reviews)) reviews[ruleKey(r.setId, r.ruleId)] = { decision: r.decision, rag: r.rag, comment: r.comment }
    return {
      agency,
      facts: Object.fromEntries(mine(rows.facts).map((f) => [f.factId, f.value])),
      targets: Object.fromEntries(mine(rows.targets).map((t) => [ruleKey(t.setId, t.ruleId), t.value])),
      assessments: Object.fromEntries(mine(rows.assessments).map((a) => [ruleKey(a.setId, a.ruleId), { rag: a.rag, narrative: a.narrative, naReason: a.naReason }])),
      reviews,
      actions: mine(actions)
    }
  })
}

export interface CycleAnalysis extends Consolidated {
  actions: ActionInput[]
}

export function analyseCycle (db: Db, catalog: RuleCatalog, cycle: Cycle, agencies: Agency[]): CycleAnalysis {
  const records = agencyRecords(db, cycle, agencies)
  return { ...consolidate(cycleInput(catalog, cycle), records), actions: records.flatMap((r) => r.actions) }
}
