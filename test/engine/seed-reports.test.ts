import { readFileSync } from 'node:fs'
import t from 'tap'
import { analyseAgency, buildActionPlan, consolidate } from '../../src/engine/analysis.js'
import { readSeedReports, seedRecord } from '../../src/demo/seed-reports.js'
import { shippedSet } from '../helpers/rules.js'

// The suggested RAGs are the dataset's own reading of each report, made by hand from the
// report's wording; the engine must reach the same effective RAG from the recorded data.
const suggested = JSON.parse(readFileSync(new URL('../fixtures/seed-suggested-rags.json', import.meta.url), 'utf8')) as
  Record<string, { referenceDate: string, suggestedRag: Record<string, string>, notEvidenced: string[] }>

const core = shippedSet('lscb-core')
const { reports } = readSeedReports()

function analyse (key: string) {
  const seed = reports.find((r) => r.key === key)
  if (!seed) throw new Error(key)
  const cycle = { referenceDate: seed.cycle.referenceDate, ruleSets: [core] }
  const record = seedRecord(seed, core.id)
  const analysis = analyseAgency(cycle, record)
  const byRule = new Map(analysis.results.map((r) => [r.ruleId, r]))
  return { seed, record, analysis, byRule, plan: buildActionPlan(analysis.gaps, record.actions, seed.cycle.referenceDate) }
}

t.test('all five seed reports are there with a reference date', async (t) => {
  t.same(reports.map((r) => r.key).sort(), Object.keys(suggested).sort())
  for (const r of reports) t.equal(r.cycle.referenceDate, suggested[r.key]?.referenceDate)
})

for (const key of Object.keys(suggested)) {
  t.test(`${key}: effective RAG agrees with the report's own reading`, async (t) => {
    const { byRule } = analyse(key)
    const expected = suggested[key]?.suggestedRag ?? {}
    for (const [ruleId, rag] of Object.entries(expected)) {
      const result = byRule.get(ruleId)
      t.ok(result, `${ruleId} is evaluated`)
      if (!result) continue
      t.equal(result.effectiveRag, rag, `${ruleId}: ${result.reasons.join(' ')}`)
    }
  })
}

t.test('Derby 2009: the three red indicators are computed from facts and local targets', async (t) => {
  const { byRule, analysis } = analyse('derby-2009')
  const ni59 = byRule.get('PERF-04')
  t.equal(ni59?.computedRag, 'red')
  t.match(ni59?.reasons[0], /is 59.3%, below the local target of 70% by more than the 5-point amber band/)
  t.equal(byRule.get('PERF-05')?.computedRag, 'red', '79.5% against a local target of 88%')
  t.match(byRule.get('PERF-05')?.reasons[0], /local target of 88%/)
  t.equal(byRule.get('CP-01')?.computedRag, 'red', '15.3% against a local target of 8%, lower is better')
  t.equal(byRule.get('GOV-01')?.effectiveRag, 'red', 'the board is chaired by an agency officer')
  t.equal(analysis.gaps[0]?.effectiveRag, 'red', 'red gaps come first')
  t.equal(byRule.get('PERF-06')?.effectiveRag, 'na')
  t.match(byRule.get('PERF-06')?.notApplicableReason, /Marked not applicable by the agency: Single assessments/)
})

t.test('Cambridgeshire 2009: self-ratings greener than the data are flagged', async (t) => {
  const { byRule } = analyse('cambridgeshire-2009')
  // The agency rates its workforce amber; computed caseload is amber too, so no divergence there.
  t.equal(byRule.get('WF-02')?.computedRag, 'amber')
  t.equal(byRule.get('WF-04')?.computedRag, 'red', '69.8% of looked-after children allocated against 100%')
  t.equal(byRule.get('PERF-01')?.computedRag, null, 'the referral-rate variance is not recorded')
  t.same(byRule.get('PERF-01')?.missingFacts, ['referral_rate_vs_target_pct'])
  t.equal(byRule.get('PERF-01')?.effectiveRag, 'green', 'rated by the agency alone')
  t.equal(byRule.get('QA-01')?.effectiveRag, 'amber')
})

t.test('Peterborough 2014: a missing target is reported, a self-rating stands in', async (t) => {
  const { byRule } = analyse('peterborough-2014')
  const cp06 = byRule.get('CP-06')
  t.equal(cp06?.computedRag, null)
  t.equal(cp06?.missingTarget, true)
  t.equal(cp06?.effectiveRag, 'amber')
  t.equal(byRule.get('CP-05')?.computedRag, 'red')
  t.equal(byRule.get('PERF-01')?.computedRag, 'green', '-1% against target is inside the ±10% band')
})

t.test('summaries add up and the action plan tracks each gap', async (t) => {
  for (const key of Object.keys(suggested)) {
    const { analysis, plan, record } = analyse(key)
    const s = analysis.summary
    t.equal(s.applicable + s.notApplicable, core.rules.length, `${key}: every rule counted once`)
    t.equal(s.green + s.amber + s.red + s.unassessed, s.applicable, `${key}: applicable = green + amber + red + unassessed`)
    t.equal(analysis.gaps.length, s.amber + s.red + s.unassessed, `${key}: one gap per non-green applicable rule`)
    t.equal(plan.items.length + plan.gapsWithoutAction.length, analysis.gaps.length, `${key}: every gap is in the plan`)
    t.equal(plan.totals.actions, record.actions.length)
    const linked = new Set(plan.items.flatMap((i) => i.actions.map((a) => a.id)))
    for (const a of plan.otherActions) t.notOk(linked.has(a.id), 'an action listed apart addresses no gap')
  }
})

t.test('Peterborough 2010 on its reference date: nothing is overdue yet; a year later the open actions are', async (t) => {
  const { analysis, record } = analyse('peterborough-2010')
  const onTheDay = buildActionPlan(analysis.gaps, record.actions, '2010-01-19')
  t.equal(onTheDay.totals.overdue, 0)
  const later = buildActionPlan(analysis.gaps, record.actions, '2011-01-19')
  const open = record.actions.filter((a) => a.status !== 'done' && a.status !== 'cancelled').length
  t.equal(later.totals.overdue, open, 'every open action is overdue a year on')
  const done = later.items.flatMap((i) => i.actions).filter((a) => a.status === 'done')
  for (const a of done) t.equal(a.overdue, false, 'a done action is never overdue')
})

t.test('the board view consolidates all five from the same functions', async (t) => {
  // One cycle for all five, so one reference date: the latest report.
  const cycle = { referenceDate: '2014-11-10', ruleSets: [core] }
  const records = reports.map((r) => seedRecord(r, core.id))
  const board = consolidate(cycle, records)
  t.equal(board.agencies.length, 5)
  t.equal(board.cells.length, 5 * core.rules.length)
  t.equal(board.summary.applicable, board.agencies.reduce((n, a) => n + a.summary.applicable, 0))
  t.equal(board.gaps.length, board.agencies.reduce((n, a) => n + a.gaps.length, 0))
  const themeTotal = board.byTheme.reduce((n, th) => n + th.summary.applicable + th.summary.notApplicable, 0)
  t.equal(themeTotal, board.cells.length, 'theme scores cover every cell')
  const derby = board.agencies.find((a) => a.agencyId === 'derby-2009')
  t.same(derby?.summary, analyseAgency(cycle, records[1]!).summary, 'an agency scores the same alone or in the board view')
})
