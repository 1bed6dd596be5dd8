import type { AgencyType } from '../rules/agency-types.js'
import type { FactValue } from '../rules/facts.js'
import type { Priority, Rag, RuleRef, RuleSet } from '../rules/schema.js'
import type { EffectiveRag } from './rag.js'

// Plain data in, plain data out: the engine knows nothing of databases or HTTP.

export type AgencyId = number | string

export interface AgencyInput {
  id: AgencyId
  name?: string
  type: AgencyType
}

export interface AssessmentInput {
  rag: Rag | 'na'
  naReason?: string | null
  narrative?: string | null
}

/** The latest review of a rating. An "agree" carries the rating it agreed with. */
export interface ReviewInput {
  decision: 'agree' | 'challenge'
  rag: Rag | null
  comment?: string | null
}

export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]

export interface ActionInput {
  id: number | string
  agencyId: AgencyId
  rules: RuleRef[]
  title: string
  owner: string
  dueOn: string
  status: ActionStatus
  successMeasure?: string | null
}

/** Everything one agency recorded in one cycle. Maps are keyed by `ruleKey(setId, ruleId)`. */
export interface AgencyRecord {
  agency: AgencyInput
  facts: Readonly<Record<string, FactValue | undefined>>
  targets: Readonly<Record<string, number | undefined>>
  assessments: Readonly<Record<string, AssessmentInput | undefined>>
  reviews: Readonly<Record<string, ReviewInput | undefined>>
  actions: readonly ActionInput[]
}

export interface CycleInput {
  /** "Within N months" criteria count back from this day. */
  referenceDate: string
  /** The cycle's rule sets, in the order their rules are listed. */
  ruleSets: readonly RuleSet[]
}

export interface RuleResult {
  agencyId: AgencyId
  setId: string
  ruleId: string
  title: string
  theme: string
  priority: Priority
  applicable: boolean
  /** Why the rule does not apply: the agency's type, national scope, or the agency's own N/A reason. */
  notApplicableReason: string | null
  selfRag: Rag | null
  computedRag: Rag | null
  auditorRag: Rag | null
  /** 'na' when not applicable. */
  effectiveRag: EffectiveRag | 'na'
  /** The self-rating is greener than the data. */
  divergence: boolean
  reasons: string[]
  missingFacts: string[]
  missingTarget: boolean
  /** Position of the rule in the cycle: set order, then rule order. */
  order: number
}

export interface Summary {
  applicable: number
  green: number
  amber: number
  red: number
  unassessed: number
  notApplicable: number
  /** Share of applicable rules rated green, 0-100 with one decimal; null when nothing applies. */
  compliancePct: number | null
}

export function ruleKey (setId: string, ruleId: string): string {
  return `${setId}/${ruleId}`
}
