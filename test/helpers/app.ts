import type { Test } from 'tap'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/app.js'
import { hashPassword } from '../../src/auth/passwords.js'
import type { Role } from '../../src/db/schema.js'
import { createAgency } from '../../src/repositories/agencies.js'
import { createUser } from '../../src/repositories/users.js'

export const PASSWORD = 'correct horse battery'
let passwordHash: Promise<string> | undefined

export async function build (t: Test, opts: { bodyLimit?: number } = {}): Promise<FastifyInstance> {
  const app = await buildApp({ config: { DB_PATH: ':memory:', TOKEN_TTL_HOURS: 1, LOG_LEVEL: 'silent' }, ...opts })
  t.teardown(() => app.close())
  await app.ready()
  return app
}

export interface Partnership {
  app: FastifyInstance
  agencies: { council: number, police: number }
  tokens: Record<'admin' | 'lead' | 'policeLead' | 'auditor' | 'policeAuditor' | 'board', string>
  /** inject with a bearer token; `as` names one of `tokens`. */
  call: (as: keyof Partnership['tokens'] | null, opts: InjectOptions) => Promise<LightMyRequestResponse>
}

/** An app with two agencies and one user of each kind, signed in. */
export async function partnership (t: Test): Promise<Partnership> {
  const app = await build(t)
  passwordHash ??= hashPassword(PASSWORD)
  const hash = await passwordHash
  const council = createAgency(app.db, null, { name: 'Northshire Council', type: 'local_authority' }).id
  const police = createAgency(app.db, null, { name: 'Northshire Police', type: 'police' }).id
  const people: Array<[keyof Partnership['tokens'], Role, number | null]> = [
    ['admin', 'admin', null],
    ['lead', 'lead', council],
    ['policeLead', 'lead', police],
    ['auditor', 'auditor', null],
    ['policeAuditor', 'auditor', police],
    ['board', 'board', null]
  ]
  const tokens = {} as Partnership['tokens']
  for (const [key, role, agencyId] of people) {
    createUser(app.db, null, { email: `${key}@example.org`, name: key, role, agencyId, passwordHash: hash })
    const res = await app.inject({ method: 'POST', url: '/api/tokens', payload: { email: `${key}@example.org`, password: PASSWORD } })
    tokens[key] = res.json().token
  }
  const call: Partnership['call'] = (as, opts) => app.inject({
    ...opts,
    headers: { ...(opts.headers ?? {}), ...(as ? { authorization: `Bearer ${tokens[as]}` } : {}) }
  })
  return { app, agencies: { council, police }, tokens, call }
}

/** A cycle over lscb-core and section-11 for both agencies, made through the API. */
export async function openCycle (p: Partnership, body: Record<string, unknown> = {}): Promise<number> {
  const res = await p.call('admin', {
    method: 'POST',
    url: '/api/cycles',
    payload: { name: '2010/11', ruleSets: ['lscb-core'], startsOn: '2010-04-01', endsOn: '2011-03-31', ...body }
  })
  if (res.statusCode !== 201) throw new Error(`cycle not created: ${res.body}`)
  return res.json().id
}
