import t from 'tap'
import { evaluateRule } from '../../src/engine/evaluate.js'
import type { AgencyRecord } from '../../src/engine/types.js'
import type { FactValue } from '../../src/rules/facts.js'
import { shippedSet } from '../helpers/rules.js'

// The criteria of the shipped sets, driven through the engine as an agency would meet them.

function rate (setId: string, ruleId: string, facts: Record<string, FactValue>, type: AgencyRecord['agency']['type'] = 'local_authority', referenceDate = '2024-03-31') {
  const set = shippedSet(setId)
  const index = set.rules.findIndex((r) => r.id === ruleId)
  if (index < 0) throw new Error(`${setId}/${ruleId} is not shipped`)
  const record: AgencyRecord = { agency: { id: 1, type }, facts, targets: {}, assessments: {}, reviews: {}, actions: [] }
  return evaluateRule(set, set.rules[index]!, index, record, referenceDate)
}

t.test('supervision-2011: frequency for newly qualified staff, session length, caseload', async (t) => {
  t.equal(rate('supervision-2011', 'SWM-01', { nqsw_supervision_compliance_pct: 100 }).computedRag, 'green', 'every newly qualified social worker supervised as often as required')
  t.equal(rate('supervision-2011', 'SWM-01', { nqsw_supervision_compliance_pct: 90 }).computedRag, 'amber')
  t.equal(rate('supervision-2011', 'SWM-01', { nqsw_supervision_compliance_pct: 85 }).computedRag, 'red')
  t.equal(rate('supervision-2011', 'SWM-03', { supervision_avg_minutes: 90 }).computedRag, 'green', 'sessions of 90 minutes')
  const short = rate('supervision-2011', 'SWM-03', { supervision_avg_minutes: 60 })
  t.equal(short.computedRag, 'red')
  t.match(short.reasons[0], /60 minutes, below the default target of 90 minutes by more than the 15-point amber band/)
  t.equal(rate('supervision-2011', 'SWM-04', { avg_caseload_per_fte: 21 }).computedRag, 'amber', 'the caseload fact is shared with lscb-core WF-02')
  t.equal(rate('supervision-2011', 'SWM-01', {}).computedRag, null)
  t.equal(rate('supervision-2011', 'SWM-01', { nqsw_supervision_compliance_pct: 100 }, 'police').effectiveRag, 'na', 'applies to employers of social workers')
})

t.test('wt-2023: review time limits and the yearly report', async (t) => {
  t.equal(rate('wt-2023', 'MASA-12', { rapid_reviews_within_15wd_pct: 100 }, 'board').computedRag, 'green', 'every rapid review within 15 working days')
  t.equal(rate('wt-2023', 'MASA-12', { rapid_reviews_within_15wd_pct: 90 }, 'board').computedRag, 'amber')
  t.equal(rate('wt-2023', 'MASA-12', { rapid_reviews_within_15wd_pct: 75 }, 'board').computedRag, 'red')
  t.equal(rate('wt-2023', 'MASA-11', { sin_notified_within_5wd_pct: 100 }).computedRag, 'green', 'notifications within 5 working days')
  t.equal(rate('wt-2023', 'MASA-15', { lcspr_reports_sent_late_count: 0 }, 'board').computedRag, 'green')
  t.equal(rate('wt-2023', 'MASA-15', { lcspr_reports_sent_late_count: 1 }, 'board').computedRag, 'amber')
  t.equal(rate('wt-2023', 'MASA-15', { lcspr_reports_sent_late_count: 3 }, 'board').computedRag, 'red')
  t.equal(rate('wt-2023', 'MASA-08', { yearly_report_date: '2023-09-30' }, 'board').computedRag, 'green')
  t.equal(rate('wt-2023', 'MASA-08', { yearly_report_date: '2023-01-15' }, 'board').computedRag, 'amber', 'published late, within 15 months')
  t.equal(rate('wt-2023', 'MASA-08', { yearly_report_date: '2022-06-30' }, 'board').computedRag, 'red')
})

t.test('lay members: the same count rates the statutory, Laming and core rules alike', async (t) => {
  for (const [setId, ruleId] of [['lscb-statutory-2010', 'LSCB-05'], ['lscb-core', 'GOV-02']] as const) {
    t.equal(rate(setId, ruleId, { lscb_lay_member_count: 2 }, 'board').computedRag, 'green', `${setId}/${ruleId}: two lay members`)
    t.equal(rate(setId, ruleId, { lscb_lay_member_count: 1 }, 'board').computedRag, 'amber', `${setId}/${ruleId}: one`)
    t.equal(rate(setId, ruleId, { lscb_lay_member_count: 0 }, 'board').computedRag, 'red', `${setId}/${ruleId}: none`)
  }
  const laming = { lscb_chair_status: 'independent_substantive', lscb_has_schools_rep: true, lscb_has_adult_substance_rep: true, lscb_annual_report_date: '2010-01-10' }
  t.equal(rate('laming-2009', 'G-22-50', { ...laming, lscb_lay_member_count: 2 }, 'board', '2010-03-31').computedRag, 'green')
  t.equal(rate('laming-2009', 'G-22-50', { ...laming, lscb_lay_member_count: 1 }, 'board', '2010-03-31').computedRag, 'amber')
  t.equal(rate('laming-2009', 'G-22-50', { ...laming, lscb_lay_member_count: 0 }, 'board', '2010-03-31').computedRag, 'red')
  const core = shippedSet('lscb-core').rules.find((r) => r.id === 'GOV-02')
  const statutory = shippedSet('lscb-statutory-2010').rules.find((r) => r.id === 'LSCB-05')
  t.ok([...(core?.mappings ?? []), ...(statutory?.mappings ?? [])].some((m) => ['GOV-02', 'LSCB-05'].includes(m.ruleId)), 'the lay-member rules are mapped to each other')
})

t.test('national recommendations are shown but not assessed locally', async (t) => {
  const national = shippedSet('laming-2009').rules.filter((r) => r.appliesTo === 'national')
  t.ok(national.length > 0)
  for (const r of national) t.equal(rate('laming-2009', r.id, {}).effectiveRag, 'na', `${r.id} is for awareness`)
})
