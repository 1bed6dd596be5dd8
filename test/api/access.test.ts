import t from 'tap'
import { revokeTokens } from '../../src/repositories/users.js'
import { PASSWORD, build, openCycle, partnership } from '../helpers/app.js'

t.test('tokens: a right password gets a token, a wrong one or a bad body does not', async (t) => {
  const p = await partnership(t)
  const ok = await p.app.inject({ method: 'POST', url: '/api/tokens', payload: { email: 'ADMIN@example.org', password: PASSWORD } })
  t.equal(ok.statusCode, 201)
  t.match(ok.json(), { token: String, expiresAt: String })
  t.ok(new Date(ok.json().expiresAt) > new Date(), 'expires in the future')

  const wrong = await p.app.inject({ method: 'POST', url: '/api/tokens', payload: { email: 'admin@example.org', password: 'nope' } })
  t.equal(wrong.statusCode, 401)
  t.same(Object.keys(wrong.json()).sort(), ['error', 'message'])

  const unknown = await p.app.inject({ method: 'POST', url: '/api/tokens', payload: { email: 'nobody@example.org', password: PASSWORD } })
  t.equal(unknown.statusCode, 401)
  t.equal(unknown.json().message, wrong.json().message, 'an unknown email is not told apart from a wrong password')

  const bad = await p.app.inject({ method: 'POST', url: '/api/tokens', payload: { email: 'admin@example.org' } })
  t.equal(bad.statusCode, 400)
  t.equal(bad.json().details[0].field, 'body.password')
})

t.test('every /api route but the token one needs a valid token', async (t) => {
  const p = await partnership(t)
  const cycleId = await openCycle(p)
  const routes: Array<[string, string]> = [
    ['GET', '/api/rule-sets'], ['GET', '/api/rule-sets/lscb-core'], ['GET', '/api/agencies'], ['POST', '/api/agencies'],
    ['GET', '/api/cycles'], ['POST', '/api/cycles'], ['GET', `/api/cycles/${cycleId}`], ['POST', '/api/users'],
    ['PUT', `/api/cycles/${cycleId}/agencies/1/facts`], ['PUT', `/api/cycles/${cycleId}/agencies/1/targets`],
    ['PUT', `/api/cycles/${cycleId}/agencies/1/assessments/lscb-core/GOV-01`],
    ['POST', `/api/cycles/${cycleId}/agencies/1/assessments/lscb-core/GOV-01/evidence`],
    ['POST', `/api/cycles/${cycleId}/agencies/1/assessments/lscb-core/GOV-01/review`],
    ['GET', `/api/cycles/${cycleId}/gaps`], ['GET', `/api/cycles/${cycleId}/matrix`], ['GET', `/api/cycles/${cycleId}/action-plan`],
    ['POST', `/api/cycles/${cycleId}/actions`], ['PATCH', '/api/actions/1'], ['GET', '/api/audit']
  ]
  for (const [method, url] of routes) {
    const none = await p.app.inject({ method: method as 'GET', url, payload: method === 'GET' ? undefined : {} })
    t.equal(none.statusCode, 401, `${method} ${url} without a token`)
    const forged = await p.app.inject({ method: method as 'GET', url, headers: { authorization: 'Bearer forged' }, payload: method === 'GET' ? undefined : {} })
    t.equal(forged.statusCode, 401, `${method} ${url} with an unknown token`)
  }
})

t.test('a revoked or expired token stops working', async (t) => {
  const p = await partnership(t)
  t.equal((await p.call('board', { method: 'GET', url: '/api/agencies' })).statusCode, 200)
  revokeTokens(p.app.db, null, { userId: 6 })
  t.equal((await p.call('board', { method: 'GET', url: '/api/agencies' })).statusCode, 401)
})

t.test('admins add users; leads need an agency; nobody else may add users', async (t) => {
  const p = await partnership(t)
  const created = await p.call('admin', { method: 'POST', url: '/api/users', payload: { email: 'new.lead@example.org', name: 'New Lead', password: 'a long password 1', role: 'lead', agencyId: p.agencies.police } })
  t.equal(created.statusCode, 201)
  t.same(created.json(), { id: created.json().id, email: 'new.lead@example.org', name: 'New Lead', role: 'lead', agencyId: p.agencies.police })
  t.notOk('passwordHash' in created.json(), 'the hash never leaves the server')

  const login = await p.app.inject({ method: 'POST', url: '/api/tokens', payload: { email: 'new.lead@example.org', password: 'a long password 1' } })
  t.equal(login.statusCode, 201, 'the new user can sign in')

  const again = await p.call('admin', { method: 'POST', url: '/api/users', payload: { email: 'new.lead@example.org', name: 'Twice', password: 'a long password 1', role: 'board' } })
  t.equal(again.statusCode, 409)

  const noAgency = await p.call('admin', { method: 'POST', url: '/api/users', payload: { email: 'x@example.org', name: 'X', password: 'a long password 1', role: 'lead' } })
  t.equal(noAgency.statusCode, 400)
  t.same(noAgency.json().details, [{ field: 'body.agencyId', message: 'is required for a lead' }])

  const bad = await p.call('admin', { method: 'POST', url: '/api/users', payload: { email: 'not-an-email', name: '', password: 'short', role: 'king' } })
  t.equal(bad.statusCode, 400)
  t.same(bad.json().details.map((d: { field: string }) => d.field).sort(), ['body.email', 'body.name', 'body.password', 'body.role'])

  for (const who of ['lead', 'auditor', 'board'] as const) {
    const res = await p.call(who, { method: 'POST', url: '/api/users', payload: { email: `${who}2@example.org`, name: 'X', password: 'a long password 1', role: 'board' } })
    t.equal(res.statusCode, 403, `${who} cannot add users`)
  }
})

t.test('reference data: rule sets for all, agencies and cycles managed by admins', async (t) => {
  const p = await partnership(t)
  const sets = await p.call('board', { method: 'GET', url: '/api/rule-sets' })
  t.equal(sets.statusCode, 200)
  t.match(sets.json().find((s: { id: string }) => s.id === 'lscb-core'), { id: 'lscb-core', title: String, version: String, ruleCount: 47 })
  const core = await p.call('lead', { method: 'GET', url: '/api/rule-sets/lscb-core' })
  t.equal(core.json().rules.length, 47)
  t.equal(core.json().facts.length, 40)
  t.ok(Array.isArray(core.json().themes))
  t.equal((await p.call('lead', { method: 'GET', url: '/api/rule-sets/nope' })).statusCode, 404)

  const agency = await p.call('admin', { method: 'POST', url: '/api/agencies', payload: { name: 'Northshire Health Trust', type: 'health_provider' } })
  t.equal(agency.statusCode, 201)
  t.match(agency.json(), { id: Number, name: 'Northshire Health Trust', type: 'health_provider' })
  t.equal((await p.call('admin', { method: 'POST', url: '/api/agencies', payload: { name: 'Northshire Health Trust', type: 'health_provider' } })).statusCode, 409)
  const badType = await p.call('admin', { method: 'POST', url: '/api/agencies', payload: { name: 'X', type: 'hospital' } })
  t.equal(badType.statusCode, 400)
  t.equal(badType.json().details[0].field, 'body.type')
  t.equal((await p.call('lead', { method: 'POST', url: '/api/agencies', payload: { name: 'Y', type: 'police' } })).statusCode, 403)
  t.equal((await p.call('board', { method: 'POST', url: '/api/agencies', payload: { name: 'Y', type: 'police' } })).statusCode, 403)

  const seenByLead = await p.call('lead', { method: 'GET', url: '/api/agencies' })
  t.same(seenByLead.json().map((a: { id: number }) => a.id), [p.agencies.council], 'a lead sees only its own agency')
  t.equal((await p.call('board', { method: 'GET', url: '/api/agencies' })).json().length, 3)
  t.equal((await p.call('lead', { method: 'GET', url: `/api/agencies/${p.agencies.police}` })).statusCode, 403)

  const cycle = await p.call('admin', { method: 'POST', url: '/api/cycles', payload: { name: '2010/11', ruleSets: ['lscb-core', 'section-11'], startsOn: '2010-04-01', endsOn: '2011-03-31' } })
  t.equal(cycle.statusCode, 201)
  t.match(cycle.json(), { id: Number, name: '2010/11', ruleSets: ['lscb-core', 'section-11'], startsOn: '2010-04-01', endsOn: '2011-03-31', referenceDate: '2011-03-31', status: 'open' })
  const got = await p.call('board', { method: 'GET', url: `/api/cycles/${cycle.json().id}` })
  t.same(got.json(), cycle.json())
  t.equal((await p.call('board', { method: 'GET', url: '/api/cycles' })).json().length, 1)
  t.equal((await p.call('board', { method: 'GET', url: '/api/cycles/999' })).statusCode, 404)
  const badId = await p.call('board', { method: 'GET', url: '/api/cycles/abc' })
  t.equal(badId.statusCode, 400)
  t.equal(badId.json().details[0].field, 'params.cycleId')

  const badCycle = await p.call('admin', { method: 'POST', url: '/api/cycles', payload: { name: 'x', ruleSets: ['nope'], startsOn: '2011-04-01', endsOn: '2010-03-31' } })
  t.equal(badCycle.statusCode, 400)
  t.same(badCycle.json().details.map((d: { field: string }) => d.field), ['body.ruleSets.0', 'body.endsOn'])
  const badDate = await p.call('admin', { method: 'POST', url: '/api/cycles', payload: { name: 'x', ruleSets: ['lscb-core'], startsOn: '2010-02-30', endsOn: '2011-03-31' } })
  t.equal(badDate.statusCode, 400)
  t.match(badDate.json().details, [{ field: 'body.startsOn', message: /YYYY-MM-DD/ }])
  t.equal((await p.call('auditor', { method: 'POST', url: '/api/cycles', payload: { name: 'x', ruleSets: ['lscb-core'], startsOn: '2010-04-01', endsOn: '2011-03-31' } })).statusCode, 403)
})

t.test('health, the home page, the API docs and unknown routes', async (t) => {
  const app = await build(t)
  const health = await app.inject('/health')
  t.equal(health.statusCode, 200)
  t.equal(health.json().status, 'ok')
  const home = await app.inject('/')
  t.equal(home.statusCode, 200)
  t.match(home.headers['content-type'], /text\/html/)
  t.match(home.body, /lscb-core/)
  const docs = await app.inject('/docs/json')
  t.equal(docs.statusCode, 200)
  t.ok(docs.json().paths['/api/cycles/{cycleId}/gaps'], 'the OpenAPI document lists the gap analysis')
  const missing = await app.inject('/api/nothing-here')
  t.equal(missing.statusCode, 404)
  t.match(missing.json(), { error: 'Not Found', message: /GET \/api\/nothing-here/ })
})

t.test('bad JSON and oversized bodies are clear 4xx errors', async (t) => {
  const p = await partnership(t)
  const broken = await p.call('admin', { method: 'POST', url: '/api/agencies', headers: { 'content-type': 'application/json' }, payload: '{"name": ' })
  t.equal(broken.statusCode, 400)
  t.match(broken.json(), { error: 'Bad Request', message: String })
  const huge = await p.call('admin', { method: 'POST', url: '/api/agencies', payload: { name: 'x'.repeat(300_000), type: 'police' } })
  t.equal(huge.statusCode, 413)
  t.match(huge.json(), { error: 'Payload Too Large' })
})

t.test('the remaining routes, role by role', async (t) => {
  const p = await partnership(t)
  const cycleId = await openCycle(p)
  const users = await p.call('admin', { method: 'GET', url: '/api/users' })
  t.equal(users.statusCode, 200)
  t.equal(users.json().length, 6)
  t.notOk(JSON.stringify(users.json()).includes('scrypt'), 'no password hashes')
  for (const who of ['lead', 'auditor', 'board'] as const) t.equal((await p.call(who, { method: 'GET', url: '/api/users' })).statusCode, 403, `${who} cannot list users`)

  for (const who of ['lead', 'auditor', 'board'] as const) {
    t.equal((await p.call(who, { method: 'PATCH', url: `/api/cycles/${cycleId}`, payload: { status: 'closed' } })).statusCode, 403, `${who} cannot close a cycle`)
  }
  const badStatus = await p.call('admin', { method: 'PATCH', url: `/api/cycles/${cycleId}`, payload: { status: 'archived' } })
  t.equal(badStatus.statusCode, 400)

  const action = { rules: [], title: 'Refresh the escalation policy', owner: 'Named lead', dueOn: '2011-01-31', successMeasure: 'Policy re-issued and briefed' }
  t.equal((await p.call('lead', { method: 'POST', url: `/api/cycles/${cycleId}/actions`, payload: { ...action, agencyId: p.agencies.council } })).statusCode, 201)
  t.equal((await p.call('policeLead', { method: 'POST', url: `/api/cycles/${cycleId}/actions`, payload: { ...action, agencyId: p.agencies.police } })).statusCode, 201)
  const mine = (await p.call('lead', { method: 'GET', url: `/api/cycles/${cycleId}/actions` })).json()
  t.same(mine.map((a: { agencyId: number }) => a.agencyId), [p.agencies.council], 'a lead lists its own actions only')
  t.equal((await p.call('board', { method: 'GET', url: `/api/cycles/${cycleId}/actions` })).json().length, 2)
  t.equal((await p.call('lead', { method: 'GET', url: `/api/cycles/${cycleId}/actions?agency=${p.agencies.police}` })).statusCode, 403)
  const policeAction = mine[0].id + 1
  t.equal((await p.call('lead', { method: 'GET', url: `/api/actions/${policeAction}` })).statusCode, 403, "a lead cannot read another agency's action")
  t.equal((await p.call('auditor', { method: 'GET', url: `/api/actions/${policeAction}` })).statusCode, 200)
  t.equal((await p.call('auditor', { method: 'GET', url: '/api/actions/999' })).statusCode, 404)
})
