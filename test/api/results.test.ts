import t from 'tap'
import { analyseAgency, buildActionPlan } from '../../src/engine/analysis.js'
import { readSeedReports, seedRecord } from '../../src/demo/seed-reports.js'
import { openCycle, partnership, type Partnership } from '../helpers/app.js'
import { shippedSet } from '../helpers/rules.js'

const seeds = readSeedReports()
const core = shippedSet('lscb-core')

/** Records one seed report through the API, as its lead would. */
async function recordSeed (p: Partnership, key: string) {
  const seed = seeds.reports.find((r) => r.key === key)!
  const agency = (await p.call('admin', { method: 'POST', url: '/api/agencies', payload: seed.agency })).json()
  const ref = seed.cycle.referenceDate
  const cycleId = await openCycle(p, { name: seed.cycle.name, startsOn: `${Number(ref.slice(0, 4)) - 1}${ref.slice(4)}`, endsOn: ref, agencyIds: [agency.id] })
  const base = `/api/cycles/${cycleId}/agencies/${agency.id}`
  const put = async (url: string, payload: unknown) => {
    const res = await p.call('admin', { method: 'PUT', url, payload: payload as object })
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.body}`)
  }
  await put(`${base}/facts`, { values: seed.facts })
  await put(`${base}/targets`, { targets: seed.targets.map((x) => ({ setId: 'lscb-core', ruleId: x.ruleId, value: x.value })) })
  for (const a of seed.assessments) await put(`${base}/assessments/lscb-core/${a.ruleId}`, { rag: a.rag, narrative: a.narrative, naReason: a.naReason })
  for (const a of seed.actions) {
    const res = await p.call('admin', {
      method: 'POST',
      url: `/api/cycles/${cycleId}/actions`,
      payload: { agencyId: agency.id, rules: a.ruleIds.map((ruleId) => ({ setId: 'lscb-core', ruleId })), title: a.title, owner: a.owner, dueOn: a.dueOn, successMeasure: a.successMeasure, status: a.status }
    })
    if (res.statusCode !== 201) throw new Error(res.body)
  }
  return { seed, agencyId: agency.id as number, cycleId }
}

t.test('the five seed reports recorded through the API give the engine\'s own gap analysis and action plan', async (t) => {
  const p = await partnership(t)
  for (const key of seeds.reports.map((r) => r.key)) {
    const { seed, agencyId, cycleId } = await recordSeed(p, key)
    const asOf = seed.cycle.referenceDate
    const expected = analyseAgency({ referenceDate: seed.cycle.referenceDate, ruleSets: [core] }, seedRecord(seed, 'lscb-core', agencyId))
    const gaps = await p.call('board', { method: 'GET', url: `/api/cycles/${cycleId}/gaps?asOf=${asOf}` })
    t.equal(gaps.statusCode, 200)
    const body = gaps.json()
    t.same(body.summary, expected.summary, `${key}: summary`)
    t.same(body.gaps.map((g: { ruleId: string, effectiveRag: string }) => `${g.ruleId}:${g.effectiveRag}`), expected.gaps.map((g) => `${g.ruleId}:${g.effectiveRag}`), `${key}: the same gaps in the same order`)
    const first = expected.gaps[0]!
    t.match(body.gaps[0], { agencyId, setId: 'lscb-core', ruleId: first.ruleId, title: first.title, theme: first.theme, priority: first.priority, selfRag: first.selfRag, computedRag: first.computedRag, auditorRag: null, effectiveRag: first.effectiveRag, divergence: first.divergence, reasons: first.reasons, actions: Array })

    const plan = await p.call('auditor', { method: 'GET', url: `/api/cycles/${cycleId}/action-plan?asOf=${asOf}` })
    t.equal(plan.statusCode, 200)
    const record = seedRecord(seed, 'lscb-core', agencyId)
    const expectedPlan = buildActionPlan(expected.gaps, record.actions, asOf)
    t.same(plan.json().items.map((i: { ruleId: string, actions: unknown[] }) => [i.ruleId, i.actions.length]), expectedPlan.items.map((i) => [i.ruleId, i.actions.length]), `${key}: plan items`)
    t.same(plan.json().gapsWithoutAction.map((g: { ruleId: string }) => g.ruleId), expectedPlan.gapsWithoutAction.map((g) => g.ruleId), `${key}: gaps without action`)
    t.same(plan.json().totals, expectedPlan.totals, `${key}: action totals`)
  }
})

t.test('Derby: red gaps first, with reasons a lead can read; leads see only their own agency', async (t) => {
  const p = await partnership(t)
  const { agencyId, cycleId } = await recordSeed(p, 'derby-2009')
  const body = (await p.call('board', { method: 'GET', url: `/api/cycles/${cycleId}/gaps?agency=${agencyId}&asOf=2009-03-17` })).json()
  t.same(body.gaps.slice(0, 4).map((g: { ruleId: string }) => g.ruleId), ['GOV-01', 'PERF-04', 'PERF-05', 'CP-01'], 'the four reds, high priority, in rule order')
  t.match(body.gaps[1].reasons[0], /59.3%, below the local target of 70% by more than the 5-point amber band/)
  const combined = body.gaps.find((g: { ruleId: string }) => g.ruleId === 'PERF-04')
  t.equal(combined.actions.length, 1, 'the action for NI59, NI60 and NI64 appears under each of them')
  t.same(body.gaps.find((g: { ruleId: string }) => g.ruleId === 'PERF-05').actions[0].id, combined.actions[0].id)

  const leadView = await p.call('lead', { method: 'GET', url: `/api/cycles/${cycleId}/gaps` })
  t.equal(leadView.statusCode, 200)
  t.same(leadView.json().gaps, [], "the council lead sees nothing of Derby's cycle, where its agency takes no part")
  t.equal((await p.call('lead', { method: 'GET', url: `/api/cycles/${cycleId}/gaps?agency=${agencyId}` })).statusCode, 403)
  t.equal((await p.call('board', { method: 'GET', url: `/api/cycles/${cycleId}/gaps?asOf=2009-02-30` })).statusCode, 400)
  t.equal((await p.call('board', { method: 'GET', url: '/api/cycles/999/gaps' })).statusCode, 404)
})

t.test('the matrix and the action plan across agencies of one cycle', async (t) => {
  const p = await partnership(t)
  const cycleId = await openCycle(p)
  const { council, police } = p.agencies
  await p.call('lead', { method: 'PUT', url: `/api/cycles/${cycleId}/agencies/${council}/facts`, payload: { values: { lscb_lay_member_count: 1, ni59_ia_7days_pct: 80 } } })
  const matrix = await p.call('board', { method: 'GET', url: `/api/cycles/${cycleId}/matrix` })
  t.equal(matrix.statusCode, 200)
  const m = matrix.json()
  t.same(m.agencies.map((a: { id: number }) => a.id), [council, police])
  t.equal(m.rules.length, 47)
  t.equal(m.cells.length, 2 * 47)
  const cell = (agencyId: number, ruleId: string) => m.cells.find((c: { agencyId: number, ruleId: string }) => c.agencyId === agencyId && c.ruleId === ruleId)?.effectiveRag
  t.equal(cell(council, 'GOV-02'), 'amber', 'one lay member')
  t.equal(cell(council, 'PERF-04'), 'green')
  t.equal(cell(police, 'GOV-02'), 'na', 'board rules do not apply to the police')
  t.equal(cell(police, 'QA-01'), 'unassessed', 'the section 11 audit applies to the police too')

  const leadMatrix = (await p.call('lead', { method: 'GET', url: `/api/cycles/${cycleId}/matrix` })).json()
  t.same(leadMatrix.agencies.map((a: { id: number }) => a.id), [council], 'a lead sees its own row only')

  const action = await p.call('lead', { method: 'POST', url: `/api/cycles/${cycleId}/actions`, payload: { agencyId: council, rules: [{ setId: 'lscb-core', ruleId: 'GOV-02' }, { setId: 'lscb-core', ruleId: 'GOV-01' }], title: 'Recruit a second lay member', owner: 'Board manager', dueOn: '2010-12-31', successMeasure: 'Two lay members attend the board' } })
  t.equal(action.statusCode, 201)
  t.match(action.json(), { id: Number, status: 'planned', rules: [{ setId: 'lscb-core', ruleId: 'GOV-01' }, { setId: 'lscb-core', ruleId: 'GOV-02' }] })
  const id = action.json().id

  const plan = async (asOf: string) => (await p.call('board', { method: 'GET', url: `/api/cycles/${cycleId}/action-plan?agency=${council}&asOf=${asOf}` })).json()
  const before = await plan('2010-12-31')
  const item = before.items.find((i: { ruleId: string }) => i.ruleId === 'GOV-02')
  t.match(item, { agencyId: council, setId: 'lscb-core', ruleId: 'GOV-02', effectiveRag: 'amber', actions: [{ id, title: 'Recruit a second lay member', owner: 'Board manager', dueOn: '2010-12-31', status: 'planned', overdue: false }] })
  t.ok(before.items.find((i: { ruleId: string }) => i.ruleId === 'GOV-01'), 'one action addresses two gaps')
  t.ok(before.gapsWithoutAction.some((g: { ruleId: string }) => g.ruleId === 'GOV-03'), 'a gap with no action is listed apart')
  t.equal((await plan('2011-01-01')).items.find((i: { ruleId: string }) => i.ruleId === 'GOV-02').actions[0].overdue, true, 'due before asOf and not done: overdue')

  const progress = await p.call('lead', { method: 'PATCH', url: `/api/actions/${id}`, payload: { status: 'done', progressNote: 'Appointed in December.' } })
  t.equal(progress.statusCode, 200)
  t.match(progress.json(), { status: 'done', version: 2, notes: [{ note: 'Appointed in December.' }] })
  t.equal((await plan('2011-01-01')).items.find((i: { ruleId: string }) => i.ruleId === 'GOV-02').actions[0].overdue, false, 'a done action is never overdue')

  const stale = await p.call('lead', { method: 'PATCH', url: `/api/actions/${id}`, payload: { owner: 'Someone', version: 1 } })
  t.equal(stale.statusCode, 409)
  t.equal((await p.call('lead', { method: 'GET', url: `/api/actions/${id}` })).json().owner, 'Board manager', 'the stale patch changed nothing')

  t.equal((await p.call('policeLead', { method: 'PATCH', url: `/api/actions/${id}`, payload: { status: 'cancelled' } })).statusCode, 403)
  t.equal((await p.call('board', { method: 'PATCH', url: `/api/actions/${id}`, payload: { status: 'cancelled' } })).statusCode, 403)
  t.equal((await p.call('lead', { method: 'PATCH', url: '/api/actions/999', payload: { status: 'done' } })).statusCode, 404)
  const empty = await p.call('lead', { method: 'PATCH', url: `/api/actions/${id}`, payload: {} })
  t.equal(empty.statusCode, 400)
  const badStatus = await p.call('lead', { method: 'PATCH', url: `/api/actions/${id}`, payload: { status: 'finished' } })
  t.equal(badStatus.statusCode, 400)
  t.equal(badStatus.json().details[0].field, 'body.status')

  const outside = await p.call('lead', { method: 'POST', url: `/api/cycles/${cycleId}/actions`, payload: { agencyId: council, rules: [{ setId: 'lscb-core', ruleId: 'NOPE' }], title: 't', owner: 'o', dueOn: '2010-12-31', successMeasure: 's' } })
  t.equal(outside.statusCode, 400)
  t.same(outside.json().details, [{ field: 'body.rules.0', message: 'rule lscb-core/NOPE is not in this cycle' }])
  const missing = await p.call('lead', { method: 'POST', url: `/api/cycles/${cycleId}/actions`, payload: { agencyId: council, rules: [] } })
  t.equal(missing.statusCode, 400)
  t.same(missing.json().details.map((d: { field: string }) => d.field).sort(), ['body.dueOn', 'body.owner', 'body.successMeasure', 'body.title'])
  t.equal((await p.call('policeLead', { method: 'POST', url: `/api/cycles/${cycleId}/actions`, payload: { agencyId: council, rules: [], title: 't', owner: 'o', dueOn: '2010-12-31', successMeasure: 's' } })).statusCode, 403)
})
