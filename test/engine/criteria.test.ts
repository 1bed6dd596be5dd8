import t from 'tap'
import { evaluateCriteria, type CriteriaInput } from '../../src/engine/criteria.js'
import { isWithinMonths, subtractMonths } from '../../src/engine/dates.js'
import type { Criteria, FactDef } from '../../src/rules/schema.js'

const facts: FactDef[] = [
  { id: 'ni59', label: 'NI59 initial assessments within 7 working days', type: 'percent', unit: '%', polarity: 'higher_is_better' },
  { id: 'caseload', label: 'Average caseload', type: 'number', unit: 'cases per FTE', polarity: 'lower_is_better' },
  { id: 'referrals_vs_target', label: 'Referral rate against target', type: 'percent', polarity: 'closer_to_target_is_better' },
  { id: 'icpc_vs_target', label: 'Initial conferences against target', type: 'percent', polarity: 'lower_is_better' },
  { id: 'caf_vs_target', label: 'Early help assessments against target', type: 'percent', polarity: 'higher_is_better' },
  { id: 'lay_members', label: 'Lay members', type: 'count', unit: 'members' },
  { id: 'chair', label: 'Chair', type: 'text', allowedValues: ['independent_substantive', 'independent_interim', 'agency_officer', 'vacant'] },
  { id: 'audit_on', label: 'Section 11 audit date', type: 'date' }
]
const factDefs = new Map(facts.map((f) => [f.id, f]))

function run (criteria: Criteria, values: CriteriaInput['values'], target: CriteriaInput['target'] = null, referenceDate = '2010-01-19') {
  return evaluateCriteria({ criteria, factDefs, values, target, referenceDate })
}

const ni59: Criteria = { kind: 'compare', fact: 'ni59', direction: 'higher_is_better', amberBand: 5 }
const caseload: Criteria = { kind: 'compare', fact: 'caseload', direction: 'lower_is_better', amberBand: 4 }

t.test('compare, higher is better: inclusive boundaries at the target and the band edge', async (t) => {
  const local = { value: 70, source: 'local' as const }
  t.equal(run(ni59, { ni59: 70 }, local).rag, 'green', 'exactly at the target is green')
  t.equal(run(ni59, { ni59: 65 }, local).rag, 'amber', 'exactly at the edge of the band is amber')
  t.equal(run(ni59, { ni59: 64.9 }, local).rag, 'red', 'just past the band is red')
  const red = run(ni59, { ni59: 59.3 }, local)
  t.equal(red.rag, 'red')
  t.same(red.reasons, ['NI59 initial assessments within 7 working days is 59.3%, below the local target of 70% by more than the 5-point amber band.'])
  t.match(run(ni59, { ni59: 67 }, local).reasons[0], /below the local target of 70% but within the 5-point amber band/)
})

t.test('compare, lower is better, and the default target when no local one is set', async (t) => {
  const def = { value: 18, source: 'default' as const }
  t.equal(run(caseload, { caseload: 18 }, def).rag, 'green')
  t.equal(run(caseload, { caseload: 22 }, def).rag, 'amber')
  t.equal(run(caseload, { caseload: 22.5 }, def).rag, 'red')
  t.match(run(caseload, { caseload: 21 }, def).reasons[0], /21 cases per FTE, above the default target of 18 cases per FTE but within/)
})

t.test('compare: a missing fact or a missing target gives no RAG and names what is missing', async (t) => {
  const noFact = run(ni59, {}, { value: 70, source: 'default' })
  t.equal(noFact.rag, null)
  t.same(noFact.missingFacts, ['ni59'])
  t.match(noFact.reasons[0], /No value is recorded for "NI59 initial assessments within 7 working days" \(ni59\)/)

  const noTarget = run(ni59, { ni59: 90 }, null)
  t.equal(noTarget.rag, null)
  t.equal(noTarget.missingTarget, true)
  t.match(noTarget.reasons[0], /No target is set/)
})

t.test('variance, two-sided bands', async (t) => {
  const c: Criteria = { kind: 'variance', fact: 'referrals_vs_target', direction: 'two_sided', greenWithin: 10, amberWithin: 20 }
  t.equal(run(c, { referrals_vs_target: -1 }).rag, 'green')
  t.equal(run(c, { referrals_vs_target: -10 }).rag, 'green', '-10 is inside ±10')
  t.equal(run(c, { referrals_vs_target: 15 }).rag, 'amber')
  t.equal(run(c, { referrals_vs_target: -20 }).rag, 'amber')
  t.equal(run(c, { referrals_vs_target: 20.5 }).rag, 'red')
  t.match(run(c, { referrals_vs_target: 25 }).reasons[0], /\+25% against the local target: more than ±20% away/)
})

t.test('variance, one-sided', async (t) => {
  const lower: Criteria = { kind: 'variance', fact: 'icpc_vs_target', direction: 'lower_is_better', greenWithin: 0, amberWithin: 10 }
  t.equal(run(lower, { icpc_vs_target: -5 }).rag, 'green', 'below target is good when lower is better')
  t.equal(run(lower, { icpc_vs_target: 0 }).rag, 'green')
  t.equal(run(lower, { icpc_vs_target: 10 }).rag, 'amber')
  t.equal(run(lower, { icpc_vs_target: 38.6 }).rag, 'red')
  const higher: Criteria = { kind: 'variance', fact: 'caf_vs_target', direction: 'higher_is_better', greenWithin: 0, amberWithin: 10 }
  t.equal(run(higher, { caf_vs_target: 31.3 }).rag, 'green')
  t.equal(run(higher, { caf_vs_target: -10 }).rag, 'amber')
  t.equal(run(higher, { caf_vs_target: -10.1 }).rag, 'red')
  t.equal(run(higher, {}).rag, null)
})

t.test('firstMatch: the first matching clause wins, otherwise applies', async (t) => {
  const lay: Criteria = {
    kind: 'firstMatch',
    clauses: [
      { fact: 'lay_members', op: 'gte', value: 2, rag: 'green' },
      { fact: 'lay_members', op: 'eq', value: 1, rag: 'amber' }
    ],
    otherwise: 'red'
  }
  t.equal(run(lay, { lay_members: 3 }).rag, 'green')
  t.equal(run(lay, { lay_members: 2 }).rag, 'green')
  t.equal(run(lay, { lay_members: 1 }).rag, 'amber')
  const none = run(lay, { lay_members: 0 })
  t.equal(none.rag, 'red')
  t.match(none.reasons[0], /Lay members is 0 members; none of the conditions for a better rating is met: red/)

  const chair: Criteria = {
    kind: 'firstMatch',
    clauses: [
      { fact: 'chair', op: 'in', value: ['agency_officer', 'vacant'], rag: 'red' },
      { fact: 'chair', op: 'eq', value: 'independent_substantive', rag: 'green' }
    ],
    otherwise: 'amber'
  }
  t.equal(run(chair, { chair: 'vacant' }).rag, 'red')
  t.equal(run(chair, { chair: 'independent_substantive' }).rag, 'green')
  t.equal(run(chair, { chair: 'independent_interim' }).rag, 'amber')
  t.match(run(chair, { chair: 'vacant' }).reasons[0], /Chair is "vacant", which is one of "agency officer", "vacant": red/)
  const missing = run(chair, {})
  t.equal(missing.rag, null)
  t.same(missing.missingFacts, ['chair'])
})

t.test('firstMatch withinMonths counts back from the reference date, both ends inclusive', async (t) => {
  const audit: Criteria = {
    kind: 'firstMatch',
    clauses: [
      { fact: 'audit_on', op: 'withinMonths', value: 12, rag: 'green' },
      { fact: 'audit_on', op: 'withinMonths', value: 24, rag: 'amber' }
    ],
    otherwise: 'red'
  }
  const ref = '2010-01-19'
  t.equal(run(audit, { audit_on: '2010-01-19' }, null, ref).rag, 'green', 'on the reference date')
  t.equal(run(audit, { audit_on: '2009-01-19' }, null, ref).rag, 'green', 'exactly 12 months before')
  t.equal(run(audit, { audit_on: '2009-01-18' }, null, ref).rag, 'amber', 'a day more than 12 months')
  t.equal(run(audit, { audit_on: '2008-01-19' }, null, ref).rag, 'amber')
  t.equal(run(audit, { audit_on: '2008-01-18' }, null, ref).rag, 'red')
  t.equal(run(audit, { audit_on: '2010-01-20' }, null, ref).rag, 'red', 'a date after the reference date is not within')
  t.match(run(audit, { audit_on: '2009-06-01' }, null, ref).reasons[0], /within 12 months up to the reference date 2010-01-19: green/)
})

t.test('month arithmetic clamps to the end of shorter months', async (t) => {
  t.equal(subtractMonths('2010-03-31', 1), '2010-02-28')
  t.equal(subtractMonths('2012-03-31', 1), '2012-02-29')
  t.equal(subtractMonths('2010-01-15', 13), '2008-12-15')
  t.ok(isWithinMonths('2010-02-28', 1, '2010-03-31'))
  t.notOk(isWithinMonths('2010-02-27', 1, '2010-03-31'))
})
