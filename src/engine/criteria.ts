import type { Clause, CompareCriteria, Criteria, FactDef, FirstMatchCriteria, Rag, VarianceCriteria } from '../rules/schema.js'
import { formatFactValue, formatNumber, type FactValue } from '../rules/facts.js'
import { isWithinMonths } from './dates.js'

export interface Target {
  value: number
  /** 'local' when the agency set it for the cycle, 'default' when it is the rule's own. */
  source: 'local' | 'default'
}

export interface CriteriaInput {
  criteria: Criteria
  factDefs: ReadonlyMap<string, FactDef>
  values: Readonly<Record<string, FactValue | undefined>>
  target: Target | null
  referenceDate: string
}

export interface CriteriaResult {
  /** null when the data cannot decide: a fact or the target is missing. */
  rag: Rag | null
  /** Plain sentences saying why. */
  reasons: string[]
  missingFacts: string[]
  missingTarget: boolean
}

export function evaluateCriteria (input: CriteriaInput): CriteriaResult {
  switch (input.criteria.kind) {
    case 'compare': return evaluateCompare(input.criteria, input)
    case 'variance': return evaluateVariance(input.criteria, input)
    case 'firstMatch': return evaluateFirstMatch(input.criteria, input)
  }
}

function decided (rag: Rag, reason: string): CriteriaResult {
  return { rag, reasons: [reason], missingFacts: [], missingTarget: false }
}

function missingFact (fact: FactDef): CriteriaResult {
  return {
    rag: null,
    reasons: [`No value is recorded for "${fact.label}" (${fact.id}), so the data cannot rate this rule.`],
    missingFacts: [fact.id],
    missingTarget: false
  }
}

function factOf (id: string, input: CriteriaInput): FactDef {
  // The loader guarantees every criterion names a declared fact.
  return input.factDefs.get(id) as FactDef
}

function evaluateCompare (c: CompareCriteria, input: CriteriaInput): CriteriaResult {
  const fact = factOf(c.fact, input)
  const value = input.values[c.fact]
  if (typeof value !== 'number') return missingFact(fact)
  const { target } = input
  if (!target) {
    return {
      rag: null,
      reasons: [`No target is set for "${fact.label}": record a local target for this rule to rate it.`],
      missingFacts: [],
      missingTarget: true
    }
  }
  const shown = formatFactValue(fact, value)
  const targetShown = formatFactValue(fact, target.value)
  const band = `${formatNumber(c.amberBand)}-point amber band`
  const targetName = `${target.source} target of ${targetShown}`
  const higher = c.direction === 'higher_is_better'
  const onRightSide = higher ? value >= target.value : value <= target.value
  if (onRightSide) {
    return decided('green', `${fact.label} is ${shown}, ${higher ? 'at or above' : 'at or below'} the ${targetName}.`)
  }
  const shortfall = Math.abs(value - target.value)
  const side = higher ? 'below' : 'above'
  if (shortfall <= c.amberBand + 1e-9) {
    return decided('amber', `${fact.label} is ${shown}, ${side} the ${targetName} but within the ${band}.`)
  }
  return decided('red', `${fact.label} is ${shown}, ${side} the ${targetName} by more than the ${band}.`)
}

function signed (n: number): string {
  return n > 0 ? `+${formatNumber(n)}` : formatNumber(n)
}

function evaluateVariance (c: VarianceCriteria, input: CriteriaInput): CriteriaResult {
  const fact = factOf(c.fact, input)
  const v = input.values[c.fact]
  if (typeof v !== 'number') return missingFact(fact)
  const head = `${fact.label} is ${signed(v)}% against the local target`
  if (c.direction === 'two_sided') {
    const distance = Math.abs(v)
    if (distance <= c.greenWithin) return decided('green', `${head}, within ±${formatNumber(c.greenWithin)}%.`)
    if (distance <= c.amberWithin) return decided('amber', `${head}: more than ±${formatNumber(c.greenWithin)}% away but within ±${formatNumber(c.amberWithin)}%.`)
    return decided('red', `${head}: more than ±${formatNumber(c.amberWithin)}% away from it.`)
  }
  // Turn both directions into "how far on the wrong side", so one comparison serves both.
  const wrongSide = c.direction === 'lower_is_better' ? v : -v
  const wrongWord = c.direction === 'lower_is_better' ? 'above' : 'below'
  if (wrongSide <= c.greenWithin) {
    return decided('green', c.greenWithin === 0
      ? `${head}, not ${wrongWord} it.`
      : `${head}, no more than ${formatNumber(c.greenWithin)}% ${wrongWord} it.`)
  }
  if (wrongSide <= c.amberWithin) return decided('amber', `${head}: ${wrongWord} it, but by no more than ${formatNumber(c.amberWithin)}%.`)
  return decided('red', `${head}: ${wrongWord} it by more than ${formatNumber(c.amberWithin)}%.`)
}

function evaluateFirstMatch (c: FirstMatchCriteria, input: CriteriaInput): CriteriaResult {
  for (const clause of c.clauses) {
    const fact = factOf(clause.fact, input)
    const value = input.values[clause.fact]
    if (value === undefined || value === null) return missingFact(fact)
    if (clauseMatches(clause, value, input.referenceDate)) {
      return decided(clause.rag, `${fact.label} is ${formatFactValue(fact, value)}, ${describeClause(clause, fact, input.referenceDate)}: ${clause.rag}.`)
    }
  }
  const seen = [...new Set(c.clauses.map((cl) => cl.fact))]
    .map((id) => `${factOf(id, input).label} is ${formatFactValue(factOf(id, input), input.values[id] as FactValue)}`)
  return decided(c.otherwise, `${seen.join('; ')}; none of the conditions for a better rating is met: ${c.otherwise}.`)
}

function clauseMatches (clause: Clause, value: FactValue, referenceDate: string): boolean {
  switch (clause.op) {
    case 'eq': return value === clause.value
    case 'in': return Array.isArray(clause.value) && (clause.value as (string | number)[]).includes(value as string | number)
    case 'gte': return value >= (clause.value as number | string)
    case 'lte': return value <= (clause.value as number | string)
    case 'withinMonths': return typeof value === 'string' && isWithinMonths(value, clause.value as number, referenceDate)
  }
}

function describeClause (clause: Clause, fact: FactDef, referenceDate: string): string {
  const show = (v: unknown): string => formatFactValue(fact, v as FactValue)
  switch (clause.op) {
    case 'eq': return `which meets the condition "is ${show(clause.value)}"`
    case 'in': return `which is one of ${(clause.value as FactValue[]).map(show).join(', ')}`
    case 'gte': return `which is at least ${show(clause.value)}`
    case 'lte': return `which is at most ${show(clause.value)}`
    case 'withinMonths': return `within ${String(clause.value)} months up to the reference date ${referenceDate}`
  }
}
