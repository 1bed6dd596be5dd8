import type { Priority, Rule, RuleRef, RuleSet } from '../rules/schema.js'
import { evaluateAgency } from './evaluate.js'
import { severityRank, type EffectiveRag } from './rag.js'
import { ruleKey, type ActionInput, type AgencyId, type AgencyRecord, type CycleInput, type RuleResult, type Summary } from './types.js'

const PRIORITY_RANK: Record<Priority, number> = { high: 0, medium: 1, low: 2 }

export type Gap = RuleResult & { effectiveRag: Exclude<EffectiveRag, 'green'> }

export function isGap (result: RuleResult): result is Gap {
  return result.applicable && result.effectiveRag !== 'green'
}

/**
 * Gaps ranked red, amber, unassessed; then priority high to low; then rule order.
 * `agencyOrder` breaks the last tie when several agencies are listed together.
 */
export function rankGaps (results: readonly RuleResult[], agencyOrder: (id: AgencyId) => number = () => 0): Gap[] {
  return results.filter(isGap).sort((a, b) =>
    severityRank(a.effectiveRag) - severityRank(b.effectiveRag) ||
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    a.order - b.order ||
    agencyOrder(a.agencyId) - agencyOrder(b.agencyId))
}

export function summarize (results: readonly RuleResult[]): Summary {
  const s: Summary = { applicable: 0, green: 0, amber: 0, red: 0, unassessed: 0, notApplicable: 0, compliancePct: null }
  for (const r of results) {
    if (r.effectiveRag === 'na') {
      s.notApplicable++
    } else {
      s.applicable++
      s[r.effectiveRag]++
    }
  }
  s.compliancePct = s.applicable === 0 ? null : Math.round((s.green / s.applicable) * 1000) / 10
  return s
}

export interface ThemeScore {
  setId: string
  theme: string
  title: string
  summary: Summary
}

/** Scores per theme of each rule set, in the order the sets declare their themes. */
export function scoreByTheme (ruleSets: readonly RuleSet[], results: readonly RuleResult[]): ThemeScore[] {
  const scores: ThemeScore[] = []
  for (const set of ruleSets) {
    for (const theme of set.themes) {
      const inTheme = results.filter((r) => r.setId === set.id && r.theme === theme.id)
      if (inTheme.length > 0) scores.push({ setId: set.id, theme: theme.id, title: theme.title, summary: summarize(inTheme) })
    }
  }
  return scores
}

export interface AgencyAnalysis {
  agencyId: AgencyId
  results: RuleResult[]
  summary: Summary
  gaps: Gap[]
  byTheme: ThemeScore[]
}

/** The gap analysis of one agency in one cycle. */
export function analyseAgency (cycle: CycleInput, record: AgencyRecord): AgencyAnalysis {
  const results = evaluateAgency(cycle, record)
  return {
    agencyId: record.agency.id,
    results,
    summary: summarize(results),
    gaps: rankGaps(results),
    byTheme: scoreByTheme(cycle.ruleSets, results)
  }
}

export interface Consolidated {
  agencies: AgencyAnalysis[]
  /** Every agency's gaps in one ranked list. */
  gaps: Gap[]
  summary: Summary
  byTheme: ThemeScore[]
  cells: Array<{ agencyId: AgencyId, setId: string, ruleId: string, effectiveRag: EffectiveRag | 'na' }>
}

/** The board's view: every agency's analysis, built from the same functions, plus the totals. */
export function consolidate (cycle: CycleInput, records: readonly AgencyRecord[]): Consolidated {
  const agencies = records.map((record) => analyseAgency(cycle, record))
  const all = agencies.flatMap((a) => a.results)
  const position = new Map(records.map((r, i) => [r.agency.id, i]))
  return {
    agencies,
    gaps: rankGaps(all, (id) => position.get(id) ?? 0),
    summary: summarize(all),
    byTheme: scoreByTheme(cycle.ruleSets, all),
    cells: all.map((r) => ({ agencyId: r.agencyId, setId: r.setId, ruleId: r.ruleId, effectiveRag: r.effectiveRag }))
  }
}

// ---- Action plan ---------------------------------------------------------------

export interface PlannedAction {
  id: ActionInput['id']
  title: string
  owner: string
  dueOn: string
  status: ActionInput['status']
  successMeasure: string | null
  overdue: boolean
}

export interface PlanItem {
  agencyId: AgencyId
  setId: string
  ruleId: string
  title: string
  priority: Priority
  effectiveRag: Gap['effectiveRag']
  actions: PlannedAction[]
  /** At least one of its actions is not cancelled. */
  covered: boolean
}

export interface ActionPlan {
  items: PlanItem[]
  gapsWithoutAction: Array<Pick<PlanItem, 'agencyId' | 'setId' | 'ruleId' | 'title' | 'priority' | 'effectiveRag'>>
  /** Actions that address no rule, or only rules that are no longer gaps. */
  otherActions: PlannedAction[]
  totals: { actions: number, planned: number, in_progress: number, done: number, cancelled: number, overdue: number }
}

/** Due before `asOf` and neither done nor cancelled. */
export function isOverdue (action: Pick<ActionInput, 'dueOn' | 'status'>, asOf: string): boolean {
  return action.dueOn < asOf && action.status !== 'done' && action.status !== 'cancelled'
}

function planned (action: ActionInput, asOf: string): PlannedAction {
  return {
    id: action.id,
    title: action.title,
    owner: action.owner,
    dueOn: action.dueOn,
    status: action.status,
    successMeasure: action.successMeasure ?? null,
    overdue: isOverdue(action, asOf)
  }
}

/** Each ranked gap with the actions that address it; one action may address several gaps. */
export function buildActionPlan (gaps: readonly Gap[], actions: readonly ActionInput[], asOf: string): ActionPlan {
  const byRule = new Map<string, ActionInput[]>()
  for (const action of actions) {
    for (const ref of action.rules) {
      const key = `${String(action.agencyId)}|${ruleKey(ref.setId, ref.ruleId)}`
      const list = byRule.get(key) ?? []
      list.push(action)
      byRule.set(key, list)
    }
  }
  const used = new Set<ActionInput['id']>()
  const plan: ActionPlan = {
    items: [],
    gapsWithoutAction: [],
    otherActions: [],
    totals: { actions: actions.length, planned: 0, in_progress: 0, done: 0, cancelled: 0, overdue: 0 }
  }
  for (const gap of gaps) {
    const head = { agencyId: gap.agencyId, setId: gap.setId, ruleId: gap.ruleId, title: gap.title, priority: gap.priority, effectiveRag: gap.effectiveRag }
    const addressing = byRule.get(`${String(gap.agencyId)}|${ruleKey(gap.setId, gap.ruleId)}`)
    if (!addressing) {
      plan.gapsWithoutAction.push(head)
      continue
    }
    addressing.forEach((a) => used.add(a.id))
    plan.items.push({
      ...head,
      actions: addressing.map((a) => planned(a, asOf)),
      covered: addressing.some((a) => a.status !== 'cancelled')
    })
  }
  for (const action of actions) {
    plan.totals[action.status]++
    if (isOverdue(action, asOf)) plan.totals.overdue++
    if (!used.has(action.id)) plan.otherActions.push(planned(action, asOf))
  }
  return plan
}

export interface DraftAction {
  rules: RuleRef[]
  title: string
  successMeasure: string
}

/** A starting point for a person to edit: what to do about a gap, from the rule's own guidance. */
export function draftAction (setId: string, rule: Rule): DraftAction {
  return {
    rules: [{ setId, ruleId: rule.id }],
    title: `Meet the requirement: ${rule.title}`,
    successMeasure: `"${rule.title}" is rated green at the next review, supported by: ${rule.evidenceGuidance}`
  }
}
