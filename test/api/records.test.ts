import t from 'tap'
import { getAssessment } from '../../src/repositories/records.js'
import { openCycle, partnership } from '../helpers/app.js'

t.test('facts: typed per declaration, unknown facts refused, null clears, leads only for their agency', async (t) => {
  const p = await partnership(t)
  const cycleId = await openCycle(p)
  const url = `/api/cycles/${cycleId}/agencies/${p.agencies.council}/facts`

  const ok = await p.call('lead', { method: 'PUT', url, payload: { values: { lscb_lay_member_count: 2, ni59_ia_7days_pct: 59.3, lscb_chair_status: 'independent_interim', s11_audit_completed_on: '2010-11-01', dcs_safeguarding_expertise_in_place: true } } })
  t.equal(ok.statusCode, 200)
  t.same(ok.json().values, { dcs_safeguarding_expertise_in_place: true, lscb_chair_status: 'independent_interim', lscb_lay_member_count: 2, ni59_ia_7days_pct: 59.3, s11_audit_completed_on: '2010-11-01' })

  const bad = await p.call('lead', { method: 'PUT', url, payload: { values: { lscb_lay_member_count: 1.5, ni59_ia_7days_pct: 120, lscb_chair_status: 'elected', s11_audit_completed_on: '01/11/2010', dcs_safeguarding_expertise_in_place: 'yes', no_such_fact: 1, lscb_qa_status: 'in_place' } } })
  t.equal(bad.statusCode, 400)
  t.same(bad.json().details, [
    { field: 'body.values.lscb_lay_member_count', message: 'must be a whole number of 0 or more' },
    { field: 'body.values.ni59_ia_7days_pct', message: 'must be a percentage from 0 to 100' },
    { field: 'body.values.lscb_chair_status', message: 'must be one of "independent_substantive", "independent_interim", "agency_officer", "vacant"' },
    { field: 'body.values.s11_audit_completed_on', message: 'must be a date written YYYY-MM-DD' },
    { field: 'body.values.dcs_safeguarding_expertise_in_place', message: 'must be true or false' },
    { field: 'body.values.no_such_fact', message: "is not a fact of this cycle's rule sets" }
  ])
  const after = await p.call('lead', { method: 'GET', url })
  t.same(after.json().values, ok.json().values, 'a bad request saves nothing, not even its valid values')

  const signed = await p.call('lead', { method: 'PUT', url, payload: { values: { referral_rate_vs_target_pct: -12.5, icpc_vs_target_pct: 138.6 } } })
  t.equal(signed.statusCode, 200, 'a signed difference from target may be negative or above 100')

  const cleared = await p.call('admin', { method: 'PUT', url, payload: { values: { ni59_ia_7days_pct: null } } })
  t.equal(cleared.statusCode, 200)
  t.notOk('ni59_ia_7days_pct' in cleared.json().values)

  const policeUrl = `/api/cycles/${cycleId}/agencies/${p.agencies.police}/facts`
  t.equal((await p.call('lead', { method: 'PUT', url: policeUrl, payload: { values: {} } })).statusCode, 403, "a lead cannot write another agency's facts")
  t.equal((await p.call('lead', { method: 'GET', url: policeUrl })).statusCode, 403, "nor read them")
  t.equal((await p.call('board', { method: 'PUT', url, payload: { values: {} } })).statusCode, 403, 'a board member writes nothing')
  t.equal((await p.call('auditor', { method: 'PUT', url, payload: { values: {} } })).statusCode, 403, 'an auditor does not record facts')
  t.equal((await p.call('auditor', { method: 'GET', url })).statusCode, 200, 'but reads them')
  t.equal((await p.call('lead', { method: 'PUT', url: `/api/cycles/999/agencies/${p.agencies.council}/facts`, payload: { values: {} } })).statusCode, 404)
  t.equal((await p.call('admin', { method: 'PUT', url: `/api/cycles/${cycleId}/agencies/999/facts`, payload: { values: {} } })).statusCode, 404)
  const shape = await p.call('lead', { method: 'PUT', url, payload: { values: { x: [1] } } })
  t.equal(shape.statusCode, 400)
  t.match(shape.json().details[0].field, /^body\.values\.x/)
})

t.test('local targets replace default targets and are checked against the rule', async (t) => {
  const p = await partnership(t)
  const cycleId = await openCycle(p)
  const base = `/api/cycles/${cycleId}/agencies/${p.agencies.council}`
  await p.call('lead', { method: 'PUT', url: `${base}/facts`, payload: { values: { ni59_ia_7days_pct: 72 } } })
  const gapsOf = async () => (await p.call('lead', { method: 'GET', url: `/api/cycles/${cycleId}/gaps?asOf=2011-03-31` })).json()
  t.notOk((await gapsOf()).gaps.some((g: { ruleId: string }) => g.ruleId === 'PERF-04'), '72% meets the default target of 70%')

  const set = await p.call('lead', { method: 'PUT', url: `${base}/targets`, payload: { targets: [{ setId: 'lscb-core', ruleId: 'PERF-04', value: 80 }] } })
  t.equal(set.statusCode, 200)
  t.same(set.json().targets, [{ setId: 'lscb-core', ruleId: 'PERF-04', value: 80 }])
  const gap = (await gapsOf()).gaps.find((g: { ruleId: string }) => g.ruleId === 'PERF-04')
  t.equal(gap?.computedRag, 'red', '72% against a local target of 80% is red')
  t.match(gap?.reasons[0], /below the local target of 80%/)

  const bad = await p.call('lead', { method: 'PUT', url: `${base}/targets`, payload: { targets: [{ setId: 'lscb-core', ruleId: 'GOV-01', value: 1 }, { setId: 'lscb-core', ruleId: 'NOPE', value: 1 }] } })
  t.equal(bad.statusCode, 400)
  t.same(bad.json().details, [
    { field: 'body.targets.0', message: 'rule lscb-core/GOV-01 is not measured against a target' },
    { field: 'body.targets.1', message: 'rule lscb-core/NOPE is not in this cycle' }
  ])
  t.equal((await p.call('policeLead', { method: 'PUT', url: `${base}/targets`, payload: { targets: [] } })).statusCode, 403)
})

t.test('assessments: versioned writes, 409 on a stale version with nothing changed, N/A needs a reason', async (t) => {
  const p = await partnership(t)
  const cycleId = await openCycle(p)
  const url = `/api/cycles/${cycleId}/agencies/${p.agencies.council}/assessments/lscb-core/GOV-02`

  const first = await p.call('lead', { method: 'PUT', url, payload: { rag: 'amber', narrative: 'One lay member appointed; second being recruited.' } })
  t.equal(first.statusCode, 200)
  t.match(first.json(), { rag: 'amber', narrative: 'One lay member appointed; second being recruited.', naReason: null, version: 1, updatedAt: String, updatedBy: 'lead@example.org' })

  const second = await p.call('lead', { method: 'PUT', url, payload: { rag: 'green', narrative: 'Two lay members in post.', version: 1 } })
  t.equal(second.statusCode, 200)
  t.equal(second.json().version, 2)

  const stale = await p.call('admin', { method: 'PUT', url, payload: { rag: 'red', narrative: 'Overwrite', version: 1 } })
  t.equal(stale.statusCode, 409)
  t.match(stale.json(), { error: 'Conflict', message: /now version 2, you sent 1/ })
  const row = getAssessment(p.app.db, { cycleId, agencyId: p.agencies.council, setId: 'lscb-core', ruleId: 'GOV-02' })
  t.match(row, { rag: 'green', narrative: 'Two lay members in post.', version: 2 }, 'the stale write changed nothing')

  const read = await p.call('auditor', { method: 'GET', url })
  t.match(read.json(), { rag: 'green', version: 2, evidence: [] })

  const na = await p.call('lead', { method: 'PUT', url, payload: { rag: 'na', version: 2 } })
  t.equal(na.statusCode, 400)
  t.same(na.json().details, [{ field: 'body.naReason', message: 'is required when rag is "na"' }])
  const naOk = await p.call('lead', { method: 'PUT', url, payload: { rag: 'na', naReason: 'The council does not run the board.', version: 2 } })
  t.equal(naOk.json().naReason, 'The council does not run the board.')

  const badRag = await p.call('lead', { method: 'PUT', url, payload: { rag: 'purple' } })
  t.equal(badRag.statusCode, 400)
  t.equal(badRag.json().details[0].field, 'body.rag')
  t.equal((await p.call('lead', { method: 'PUT', url: url.replace('GOV-02', 'GOV-99'), payload: { rag: 'green' } })).statusCode, 404)
  t.equal((await p.call('lead', { method: 'PUT', url: url.replace('lscb-core', 'section-11'), payload: { rag: 'green' } })).statusCode, 404, 'a set outside the cycle')
  t.equal((await p.call('policeLead', { method: 'PUT', url, payload: { rag: 'green' } })).statusCode, 403)
  t.equal((await p.call('auditor', { method: 'PUT', url, payload: { rag: 'green' } })).statusCode, 403, 'an auditor does not edit self-assessments')
  t.equal((await p.call('board', { method: 'PUT', url, payload: { rag: 'green' } })).statusCode, 403)
})

t.test('evidence: links and notes, each checked', async (t) => {
  const p = await partnership(t)
  const cycleId = await openCycle(p)
  const url = `/api/cycles/${cycleId}/agencies/${p.agencies.council}/assessments/lscb-core/GOV-01/evidence`
  const link = await p.call('lead', { method: 'POST', url, payload: { kind: 'link', title: 'Board minutes, June 2010', url: 'https://example.org/minutes.pdf' } })
  t.equal(link.statusCode, 201)
  t.match(link.json(), { id: Number, kind: 'link', title: 'Board minutes, June 2010' })
  const note = await p.call('lead', { method: 'POST', url, payload: { kind: 'note', title: 'Chair appointment', text: 'Appointed by the partners on 1 June 2010.' } })
  t.equal(note.statusCode, 201)
  const listed = await p.call('board', { method: 'GET', url: url.replace('/evidence', '') })
  t.equal(listed.json().evidence.length, 2)

  const noUrl = await p.call('lead', { method: 'POST', url, payload: { kind: 'link', title: 'x' } })
  t.equal(noUrl.statusCode, 400)
  t.same(noUrl.json().details, [{ field: 'body.url', message: 'is required for a link' }])
  const js = await p.call('lead', { method: 'POST', url, payload: { kind: 'link', title: 'x', url: 'javascript:alert(1)' } })
  t.equal(js.statusCode, 400, 'only web addresses are accepted as links')
  t.equal((await p.call('policeLead', { method: 'POST', url, payload: { kind: 'note', title: 'x', text: 'y' } })).statusCode, 403)
})

t.test('reviews: auditors agree or challenge, never on their own agency', async (t) => {
  const p = await partnership(t)
  const cycleId = await openCycle(p)
  const base = `/api/cycles/${cycleId}/agencies/${p.agencies.council}/assessments/lscb-core/GOV-02`
  const agreeFirst = await p.call('auditor', { method: 'POST', url: `${base}/review`, payload: { decision: 'agree' } })
  t.equal(agreeFirst.statusCode, 409, 'nothing to agree with before the agency rates the rule')

  await p.call('lead', { method: 'PUT', url: base, payload: { rag: 'green', narrative: 'Two lay members.' } })
  const agree = await p.call('auditor', { method: 'POST', url: `${base}/review`, payload: { decision: 'agree', comment: 'Seen the appointment letters.' } })
  t.equal(agree.statusCode, 201)
  t.match(agree.json(), { decision: 'agree', rag: 'green', assessmentVersion: 1 })

  const half = await p.call('auditor', { method: 'POST', url: `${base}/review`, payload: { decision: 'challenge' } })
  t.equal(half.statusCode, 400)
  t.same(half.json().details.map((d: { field: string }) => d.field), ['body.rag', 'body.comment'])

  const challenge = await p.call('policeAuditor', { method: 'POST', url: `${base}/review`, payload: { decision: 'challenge', rag: 'amber', comment: 'Only one lay member attends.' } })
  t.equal(challenge.statusCode, 201, 'an auditor from another agency can review')
  const gaps = (await p.call('board', { method: 'GET', url: `/api/cycles/${cycleId}/gaps?agency=${p.agencies.council}` })).json()
  t.match(gaps.gaps.find((g: { ruleId: string }) => g.ruleId === 'GOV-02'), { selfRag: 'green', auditorRag: 'amber', effectiveRag: 'amber' }, "the auditor's challenge decides")

  const policeUrl = `/api/cycles/${cycleId}/agencies/${p.agencies.police}/assessments/lscb-core/GOV-02`
  await p.call('policeLead', { method: 'PUT', url: policeUrl, payload: { rag: 'green' } })
  const own = await p.call('policeAuditor', { method: 'POST', url: `${policeUrl}/review`, payload: { decision: 'agree' } })
  t.equal(own.statusCode, 403)
  t.match(own.json().message, /own agency/)
  for (const who of ['lead', 'board', 'admin'] as const) {
    t.equal((await p.call(who, { method: 'POST', url: `${base}/review`, payload: { decision: 'agree' } })).statusCode, 403, `${who} cannot review`)
  }
})

t.test('a closed cycle refuses changes', async (t) => {
  const p = await partnership(t)
  const cycleId = await openCycle(p)
  t.equal((await p.call('admin', { method: 'PATCH', url: `/api/cycles/${cycleId}`, payload: { status: 'closed' } })).statusCode, 200)
  const res = await p.call('lead', { method: 'PUT', url: `/api/cycles/${cycleId}/agencies/${p.agencies.council}/facts`, payload: { values: { lscb_lay_member_count: 2 } } })
  t.equal(res.statusCode, 409)
  t.match(res.json().message, /closed/)
})
