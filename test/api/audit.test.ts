import t from 'tap'
import { auditLog } from '../../src/db/schema.js'
import { openCycle, partnership } from '../helpers/app.js'

type Entry = { id: number, userId: number | null, action: string, entity: string, entityId: string, before: unknown, after: unknown }

t.test('every change leaves exactly one audit entry with the values before and after', async (t) => {
  const p = await partnership(t)
  const entries = (): Entry[] => p.app.db.select().from(auditLog).all() as Entry[]
  let seen = entries().length
  /** Runs a change and returns the one entry it added. */
  const change = async (as: Parameters<typeof p.call>[0], opts: Parameters<typeof p.call>[1], status: number) => {
    const res = await p.call(as, opts)
    t.equal(res.statusCode, status, `${opts.method} ${opts.url}`)
    const all = entries()
    t.equal(all.length - seen, 1, `${opts.method} ${opts.url} leaves one audit entry`)
    seen = all.length
    return all.at(-1) as Entry
  }

  const cycleEntry = await change('admin', { method: 'POST', url: '/api/cycles', payload: { name: 'c', ruleSets: ['lscb-core'], startsOn: '2010-04-01', endsOn: '2011-03-31' } }, 201)
  t.match(cycleEntry, { userId: 1, action: 'create', entity: 'cycle', before: null, after: { name: 'c' } })
  const cycleId = Number(cycleEntry.entityId)
  const base = `/api/cycles/${cycleId}/agencies/${p.agencies.council}`

  const facts1 = await change('lead', { method: 'PUT', url: `${base}/facts`, payload: { values: { lscb_lay_member_count: 1, cdop_status: 'established' } } }, 200)
  t.match(facts1, { userId: 2, entity: 'facts', entityId: `${cycleId}/${p.agencies.council}`, before: { lscb_lay_member_count: null, cdop_status: null }, after: { lscb_lay_member_count: 1, cdop_status: 'established' } })
  const facts2 = await change('lead', { method: 'PUT', url: `${base}/facts`, payload: { values: { lscb_lay_member_count: 2, cdop_status: 'established' } } }, 200)
  t.same([facts2.before, facts2.after], [{ lscb_lay_member_count: 1 }, { lscb_lay_member_count: 2 }], 'only what changed is recorded')

  const target = await change('lead', { method: 'PUT', url: `${base}/targets`, payload: { targets: [{ setId: 'lscb-core', ruleId: 'PERF-04', value: 75 }] } }, 200)
  t.match(target, { entity: 'targets', before: { 'lscb-core/PERF-04': null }, after: { 'lscb-core/PERF-04': 75 } })

  const a1 = await change('lead', { method: 'PUT', url: `${base}/assessments/lscb-core/GOV-02`, payload: { rag: 'amber', narrative: 'one' } }, 200)
  t.match(a1, { action: 'create', entity: 'assessment', entityId: `${cycleId}/${p.agencies.council}/lscb-core/GOV-02`, before: null, after: { rag: 'amber', version: 1 } })
  const a2 = await change('lead', { method: 'PUT', url: `${base}/assessments/lscb-core/GOV-02`, payload: { rag: 'green', narrative: 'two', version: 1 } }, 200)
  t.match(a2, { action: 'update', before: { rag: 'amber', narrative: 'one', version: 1 }, after: { rag: 'green', narrative: 'two', version: 2 } })

  const ev = await change('lead', { method: 'POST', url: `${base}/assessments/lscb-core/GOV-02/evidence`, payload: { kind: 'note', title: 'n', text: 'letters seen' } }, 201)
  t.match(ev, { entity: 'evidence', before: null, after: { kind: 'note', text: 'letters seen' } })
  const rv = await change('auditor', { method: 'POST', url: `${base}/assessments/lscb-core/GOV-02/review`, payload: { decision: 'challenge', rag: 'amber', comment: 'only one attends' } }, 201)
  t.match(rv, { userId: 4, entity: 'review', after: { decision: 'challenge', rag: 'amber' } })

  const act = await change('lead', { method: 'POST', url: `/api/cycles/${cycleId}/actions`, payload: { agencyId: p.agencies.council, rules: [{ setId: 'lscb-core', ruleId: 'GOV-02' }], title: 't', owner: 'o', dueOn: '2011-01-01', successMeasure: 's' } }, 201)
  t.match(act, { entity: 'action', before: null, after: { title: 't', rules: [{ ruleId: 'GOV-02' }] } })
  const patched = await change('lead', { method: 'PATCH', url: `/api/actions/${act.entityId}`, payload: { status: 'in_progress', progressNote: 'started' } }, 200)
  t.match(patched, { action: 'update', before: { status: 'planned', notes: [] }, after: { status: 'in_progress', notes: [{ note: 'started' }] } })

  const agency = await change('admin', { method: 'POST', url: '/api/agencies', payload: { name: 'Schools', type: 'education' } }, 201)
  t.match(agency, { entity: 'agency', after: { name: 'Schools', type: 'education' } })
  const user = await change('admin', { method: 'POST', url: '/api/users', payload: { email: 'new@example.org', name: 'N', password: 'a long password 1', role: 'board' } }, 201)
  t.match(user, { entity: 'user', after: { email: 'new@example.org' } })
  t.notMatch(JSON.stringify(user), /scrypt|password/i, 'no password or hash in the audit log')

  // Refused changes leave no trace but their refusal.
  for (const [as, opts] of [
    ['admin', { method: 'PUT', url: `${base}/assessments/lscb-core/GOV-02`, payload: { rag: 'red', version: 1 } }],
    ['lead', { method: 'PUT', url: `${base}/facts`, payload: { values: { lscb_lay_member_count: -1 } } }],
    ['board', { method: 'PUT', url: `${base}/facts`, payload: { values: { lscb_lay_member_count: 3 } } }]
  ] as const) {
    await p.call(as, opts as Parameters<typeof p.call>[1])
    t.equal(entries().length, seen, `${opts.method} ${opts.url} refused: no entry`)
  }

  const listed = await p.call('auditor', { method: 'GET', url: '/api/audit?limit=3' })
  t.equal(listed.statusCode, 200)
  t.same(listed.json().map((e: Entry) => e.entity), ['user', 'agency', 'action'], 'newest first')
  t.equal((await p.call('lead', { method: 'GET', url: '/api/audit' })).statusCode, 403)
  t.equal((await p.call('board', { method: 'GET', url: '/api/audit' })).statusCode, 403)
})

t.test('the audit log cannot be changed or deleted', async (t) => {
  const p = await partnership(t)
  await openCycle(p)
  const count = p.app.database.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }
  t.ok(count.n > 0)
  t.throws(() => p.app.database.sqlite.prepare("UPDATE audit_log SET action = 'nothing'").run(), /append-only/)
  t.throws(() => p.app.database.sqlite.prepare('DELETE FROM audit_log').run(), /append-only/)
  t.same(p.app.database.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get(), count, 'every entry is still there')
  for (const method of ['PUT', 'PATCH', 'DELETE', 'POST'] as const) {
    const res = await p.call('admin', { method, url: '/api/audit', payload: {} })
    t.equal(res.statusCode, 404, `${method} /api/audit does not exist`)
  }
})
