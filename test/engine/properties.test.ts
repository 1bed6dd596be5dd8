import fc from 'fast-check'
import t from 'tap'
import { rankGaps, summarize } from '../../src/engine/analysis.js'
import { evaluateRule } from '../../src/engine/evaluate.js'
import { isGreener, severityRank, worseOf } from '../../src/engine/rag.js'
import { ruleKey, type AgencyRecord, type RuleResult } from '../../src/engine/types.js'
import type { Rag, Rule, RuleSet } from '../../src/rules/schema.js'

const rag = fc.constantFrom<Rag>('red', 'amber', 'green')
const maybeRag = fc.option(rag, { nil: null })
const effective = fc.constantFrom('red', 'amber', 'green', 'unassessed', 'na') as fc.Arbitrary<RuleResult['effectiveRag']>
const priority = fc.constantFrom('high', 'medium', 'low') as fc.Arbitrary<Rule['priority']>

const result = fc.record({
  effectiveRag: effective,
  priority,
  order: fc.nat(1000),
  agencyId: fc.nat(5)
}).map((r): RuleResult => ({
  ...r,
  setId: 's',
  ruleId: `R${r.order}`,
  title: 't',
  theme: 'T',
  applicable: r.effectiveRag !== 'na',
  notApplicableReason: null,
  selfRag: null,
  computedRag: null,
  auditorRag: null,
  divergence: false,
  reasons: [],
  missingFacts: [],
  missingTarget: false
}))

const PRIORITY = { high: 0, medium: 1, low: 2 }

t.test('worse-of is commutative, never greener than either side, and ignores a missing side', async (t) => {
  fc.assert(fc.property(maybeRag, maybeRag, (a, b) => {
    const w = worseOf(a, b)
    if (worseOf(b, a) !== w) return false
    if (a === null) return w === b
    if (b === null) return w === a
    return w !== null && !isGreener(w, a) && !isGreener(w, b) && (w === a || w === b)
  }))
  t.pass('held for every pair')
})

t.test('gaps are exactly the applicable non-green rules, ranked severity, priority, rule order', async (t) => {
  fc.assert(fc.property(fc.array(result, { maxLength: 60 }), (results) => {
    const gaps = rankGaps(results)
    const expected = results.filter((r) => r.applicable && r.effectiveRag !== 'green')
    if (gaps.length !== expected.length) return false
    for (let i = 1; i < gaps.length; i++) {
      const a = gaps[i - 1]!
      const b = gaps[i]!
      const key = (g: RuleResult) => [severityRank(g.effectiveRag as Rag), PRIORITY[g.priority], g.order]
      const [ka, kb] = [key(a), key(b)]
      const cmp = ka[0]! - kb[0]! || ka[1]! - kb[1]! || ka[2]! - kb[2]!
      if (cmp > 0) return false
    }
    return true
  }))
  t.pass('held for every list')
})

t.test('the summary counts each rule once and the score is the green share', async (t) => {
  fc.assert(fc.property(fc.array(result, { maxLength: 60 }), (results) => {
    const s = summarize(results)
    const applicable = results.filter((r) => r.effectiveRag !== 'na').length
    return s.applicable === applicable &&
      s.notApplicable === results.length - applicable &&
      s.green + s.amber + s.red + s.unassessed === applicable &&
      (applicable === 0 ? s.compliancePct === null : Math.abs((s.compliancePct ?? -1) - (100 * s.green) / applicable) <= 0.05)
  }))
  t.pass('held for every list')
})

const set: RuleSet = {
  id: 'p',
  title: 'P',
  publisher: 'P',
  publishedOn: '2010-01-01',
  version: '1',
  source: { title: 'P' },
  themes: [{ id: 'T', title: 'T' }],
  facts: [{ id: 'v', label: 'Value', type: 'percent', polarity: 'higher_is_better' }],
  rules: [{
    id: 'R',
    source: 's',
    theme: 'T',
    title: 'R',
    requirement: 'r',
    appliesTo: 'all',
    priority: 'high',
    evidenceGuidance: 'g',
    criteria: { kind: 'compare', fact: 'v', direction: 'higher_is_better', amberBand: 5 },
    defaultTarget: 70
  }]
}

function record (value: number | undefined, self: Rag | null, review: { decision: 'agree' | 'challenge', rag: Rag | null } | null): AgencyRecord {
  const key = ruleKey('p', 'R')
  return {
    agency: { id: 1, type: 'police' },
    facts: value === undefined ? {} : { v: value },
    targets: {},
    assessments: self ? { [key]: { rag: self } } : {},
    reviews: review ? { [key]: review } : {},
    actions: []
  }
}

t.test('effective RAG: the auditor decides, else the worse of self and computed, else unassessed', async (t) => {
  fc.assert(fc.property(
    fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
    maybeRag,
    fc.option(fc.record({ decision: fc.constantFrom('agree', 'challenge') as fc.Arbitrary<'agree' | 'challenge'>, rag: rag }), { nil: null }),
    (value, self, review) => {
      const r = evaluateRule(set, set.rules[0]!, 0, record(value, self, review), '2010-01-01')
      if (review) return r.effectiveRag === review.rag
      const expected = worseOf(self, r.computedRag) ?? 'unassessed'
      const divergence = self !== null && r.computedRag !== null && isGreener(self, r.computedRag)
      return r.effectiveRag === expected && r.divergence === divergence && (value === undefined) === (r.computedRag === null)
    }))
  t.pass('held for every combination')
})

t.test('applicability: agency type, national scope, the agency N/A and an auditor challenge to it', async (t) => {
  const rule = set.rules[0]!
  const key = ruleKey('p', 'R')
  const forBoard = { ...rule, appliesTo: ['board' as const] }
  const police = record(50, 'green', null)
  const notForPolice = evaluateRule(set, forBoard, 0, police, '2010-01-01')
  t.equal(notForPolice.effectiveRag, 'na')
  t.match(notForPolice.notApplicableReason, /Applies to board only, not to police/)

  const national = evaluateRule(set, { ...rule, appliesTo: 'national' }, 0, police, '2010-01-01')
  t.equal(national.effectiveRag, 'na')
  t.match(national.notApplicableReason, /national government/)

  const markedNa: AgencyRecord = { ...police, assessments: { [key]: { rag: 'na', naReason: 'We hold no such cases.' } } }
  const na = evaluateRule(set, rule, 0, markedNa, '2010-01-01')
  t.equal(na.effectiveRag, 'na')
  t.match(na.notApplicableReason, /Marked not applicable by the agency: We hold no such cases/)

  const challenged = evaluateRule(set, rule, 0, { ...markedNa, reviews: { [key]: { decision: 'challenge', rag: 'red' } } }, '2010-01-01')
  t.equal(challenged.applicable, true, "an auditor's challenge brings an N/A rule back")
  t.equal(challenged.effectiveRag, 'red')

  const divergent = evaluateRule(set, rule, 0, record(50, 'green', null), '2010-01-01')
  t.equal(divergent.divergence, true, 'green self-rating against red data is flagged')
  t.equal(divergent.effectiveRag, 'red')
  const agreed = evaluateRule(set, rule, 0, record(50, 'green', { decision: 'agree', rag: 'green' }), '2010-01-01')
  t.equal(agreed.effectiveRag, 'green', "an auditor's agreement confirms the self-rating")
})
