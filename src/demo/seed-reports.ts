import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../paths.js'
import type { AgencyType } from '../rules/agency-types.js'
import type { FactValue } from '../rules/facts.js'
import type { Rag } from '../rules/schema.js'
import { ruleKey, type ActionStatus, type AgencyRecord, type AssessmentInput } from '../engine/types.js'

export interface SeedReport {
  key: string
  report: { authority: string, title: string, body: string, reportDate: string }
  agency: { name: string, type: AgencyType }
  cycle: { name: string, referenceDate: string }
  facts: Record<string, FactValue>
  targets: Array<{ ruleId: string, value: number }>
  assessments: Array<{ ruleId: string, rag: Rag | 'na', narrative?: string, naReason?: string }>
  actions: Array<{ title: string, owner: string, dueOn: string, status: ActionStatus, successMeasure: string, ruleIds: string[] }>
}

export interface SeedReports {
  description: string
  setId: string
  reports: SeedReport[]
}

/** Five council reports (2009-2014), recorded against the lscb-core rule set. */
export function readSeedReports (): SeedReports {
  return JSON.parse(readFileSync(join(projectRoot, 'src', 'demo', 'seed-reports.json'), 'utf8')) as SeedReports
}

/** One report as the engine's input, as if its agency had recorded it (no reviews). */
export function seedRecord (seed: SeedReport, setId: string, agencyId: number | string = seed.key): AgencyRecord {
  const assessments: Record<string, AssessmentInput> = {}
  for (const a of seed.assessments) assessments[ruleKey(setId, a.ruleId)] = { rag: a.rag, narrative: a.narrative ?? null, naReason: a.naReason ?? null }
  return {
    agency: { id: agencyId, name: seed.agency.name, type: seed.agency.type },
    facts: seed.facts,
    targets: Object.fromEntries(seed.targets.map((t) => [ruleKey(setId, t.ruleId), t.value])),
    assessments,
    reviews: {},
    actions: seed.actions.map((a, i) => ({
      id: `${seed.key}-${i + 1}`,
      agencyId,
      rules: a.ruleIds.map((ruleId) => ({ setId, ruleId })),
      title: a.title,
      owner: a.owner,
      dueOn: a.dueOn,
      status: a.status,
      successMeasure: a.successMeasure
    }))
  }
}
