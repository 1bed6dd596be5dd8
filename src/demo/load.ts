import { randomPassword, hashPassword } from '../auth/passwords.js'
import type { Db } from '../db/client.js'
import type { Role } from '../db/schema.js'
import { createAction } from '../repositories/actions.js'
import { createAgency, findAgencyByName } from '../repositories/agencies.js'
import { createCycle } from '../repositories/cycles.js'
import { putAssessment, putFacts, putTargets } from '../repositories/records.js'
import { createUser, findUserByEmail } from '../repositories/users.js'
import { subtractMonths } from '../engine/dates.js'
import type { RuleCatalog } from '../rules/catalog.js'
import { factValuesProblems } from '../rules/facts.js'
import { readSeedReports } from './seed-reports.js'

export interface DemoUser {
  email: string
  role: Role
  password: string
  agency?: string
}

/**
 * Loads the five seed reports as five agencies, each with its own cycle, facts, targets,
 * ratings, N/A reasons and actions, plus one user per role. Returns the users with their
 * passwords, which are shown once and never stored in clear.
 */
export async function loadDemo (db: Db, catalog: RuleCatalog): Promise<{ agencies: number, users: DemoUser[] }> {
  const seeds = readSeedReports()
  if (!catalog.get(seeds.setId)) throw new Error(`The demo needs the rule set ${seeds.setId}, which is not loaded.`)
  if (seeds.reports.some((r) => findAgencyByName(db, r.agency.name))) throw new Error('The demo partnership is already loaded.')

  // Demo data goes through the same checks as data recorded through the API.
  const facts = catalog.factsOf([seeds.setId])
  for (const seed of seeds.reports) {
    const problems = factValuesProblems(facts, seed.facts)
    if (problems.length > 0) throw new Error(`Demo report ${seed.key}: ${problems.map((p) => `${p.factId} ${p.message}`).join('; ')}`)
  }

  const agencyIds: number[] = []
  db.transaction((tx) => {
    for (const seed of seeds.reports) {
      const agency = createAgency(tx, null, seed.agency)
      agencyIds.push(agency.id)
      const ref = seed.cycle.referenceDate
      const cycle = createCycle(tx, null, {
        name: seed.cycle.name,
        ruleSets: [seeds.setId],
        agencyIds: [agency.id],
        startsOn: subtractMonths(ref, 12),
        endsOn: ref,
        referenceDate: ref
      })
      const scope = { cycleId: cycle.id, agencyId: agency.id }
      putFacts(tx, null, scope, seed.facts)
      putTargets(tx, null, scope, seed.targets.map((t) => ({ setId: seeds.setId, ruleId: t.ruleId, value: t.value })))
      for (const a of seed.assessments) {
        putAssessment(tx, null, { ...scope, setId: seeds.setId, ruleId: a.ruleId }, { rag: a.rag, narrative: a.narrative ?? null, naReason: a.naReason ?? null })
      }
      for (const a of seed.actions) {
        createAction(tx, null, { ...scope, rules: a.ruleIds.map((ruleId) => ({ setId: seeds.setId, ruleId })), title: a.title, owner: a.owner, dueOn: a.dueOn, successMeasure: a.successMeasure, status: a.status })
      }
    }
  })

  // The lead reports for Derby, whose 2009 review has the most red indicators.
  const leadAgency = seeds.reports.findIndex((r) => r.key === 'derby-2009')
  const people: Array<Omit<DemoUser, 'password'> & { name: string, agencyId: number | null }> = [
    { email: 'admin@demo.invalid', name: 'Demo administrator', role: 'admin', agencyId: null },
    { email: 'lead@demo.invalid', name: 'Demo safeguarding lead', role: 'lead', agencyId: agencyIds[leadAgency] ?? null, agency: seeds.reports[leadAgency]?.agency.name },
    { email: 'auditor@demo.invalid', name: 'Demo auditor', role: 'auditor', agencyId: null },
    { email: 'board@demo.invalid', name: 'Demo board member', role: 'board', agencyId: null }
  ]
  const users: DemoUser[] = []
  for (const p of people) {
    if (findUserByEmail(db, p.email)) continue
    const password = randomPassword()
    createUser(db, null, { email: p.email, name: p.name, role: p.role, agencyId: p.agencyId, passwordHash: await hashPassword(password) })
    users.push({ email: p.email, role: p.role, password, ...(p.agency ? { agency: p.agency } : {}) })
  }
  return { agencies: agencyIds.length, users }
}
