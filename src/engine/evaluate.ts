import type { FactDef, Rule, RuleSet } from '../rules/schema.js'
import { evaluateCriteria, type Target } from './criteria.js'
import { isGreener, worseOf } from './rag.js'
import { ruleKey, type AgencyRecord, type CycleInput, type RuleResult } from './types.js'

const NATIONAL_REASON = 'Addressed to national government: shown for awareness, not assessed by local agencies.'

// Big enough that rule positions never collide between sets.
const SET_STRIDE = 100_000

const factIndexCache = new WeakMap<RuleSet, ReadonlyMap<string, FactDef>>()

function factIndex (set: RuleSet): ReadonlyMap<string, FactDef> {
  let index = factIndexCache.get(set)
  if (!index) {
    index = new Map(set.facts.map((f) => [f.id, f]))
    factIndexCache.set(set, index)
  }
  return index
}

function typeReason (rule: Rule, record: AgencyRecord): string | null {
  if (rule.appliesTo === 'national') return NATIONAL_REASON
  if (rule.appliesTo === 'all' || rule.appliesTo.includes(record.agency.type)) return null
  return `Applies to ${rule.appliesTo.join(', ').replaceAll('_', ' ')} only, not to ${record.agency.type.replaceAll('_', ' ')}.`
}

function targetFor (rule: Rule, local: number | undefined): Target | null {
  if (local !== undefined && local !== null) return { value: local, source: 'local' }
  if (rule.defaultTarget !== undefined) return { value: rule.defaultTarget, source: 'default' }
  return null
}

/** One agency, one rule, one cycle: applicability, the three ratings, the effective one and why. */
export function evaluateRule (set: RuleSet, rule: Rule, order: number, record: AgencyRecord, referenceDate: string): RuleResult {
  const key = ruleKey(set.id, rule.id)
  const assessment = record.assessments[key]
  const review = record.reviews[key]
  const base = {
    agencyId: record.agency.id,
    setId: set.id,
    ruleId: rule.id,
    title: rule.title,
    theme: rule.theme,
    priority: rule.priority,
    order
  }

  const computed = rule.criteria
    ? evaluateCriteria({
      criteria: rule.criteria,
      factDefs: factIndex(set),
      values: record.facts,
      target: targetFor(rule, record.targets[key]),
      referenceDate
    })
    : { rag: null, reasons: ['This rule has no machine-checkable criteria: it is rated by the agency and its auditor.'], missingFacts: [], missingTarget: false }

  const challengedRag = review?.decision === 'challenge' ? review.rag : null
  const notApplicableReason = typeReason(rule, record) ??
    // An auditor's challenge with a rating overrides the agency's own N/A.
    (assessment?.rag === 'na' && challengedRag === null ? `Marked not applicable by the agency: ${assessment.naReason ?? 'no reason given'}` : null)

  if (notApplicableReason !== null) {
    return {
      ...base,
      applicable: false,
      notApplicableReason,
      selfRag: null,
      computedRag: null,
      auditorRag: null,
      effectiveRag: 'na',
      divergence: false,
      reasons: [notApplicableReason],
      missingFacts: [],
      missingTarget: false
    }
  }

  const selfRag = assessment && assessment.rag !== 'na' ? assessment.rag : null
  const auditorRag = review ? (review.rag ?? (review.decision === 'agree' ? selfRag : null)) : null
  const effectiveRag = auditorRag ?? worseOf(selfRag, computed.rag) ?? 'unassessed'
  return {
    ...base,
    applicable: true,
    notApplicableReason: null,
    selfRag,
    computedRag: computed.rag,
    auditorRag,
    effectiveRag,
    divergence: selfRag !== null && computed.rag !== null && isGreener(selfRag, computed.rag),
    reasons: computed.reasons,
    missingFacts: computed.missingFacts,
    missingTarget: computed.missingTarget
  }
}

/** Every rule of the cycle's rule sets for one agency, in rule order. */
export function evaluateAgency (cycle: CycleInput, record: AgencyRecord): RuleResult[] {
  const results: RuleResult[] = []
  cycle.ruleSets.forEach((set, s) => {
    set.rules.forEach((rule, r) => {
      results.push(evaluateRule(set, rule, s * SET_STRIDE + r, record, cycle.referenceDate))
    })
  })
  return results
}
