import type { FastifyInstance } from 'fastify'
import { assertCanWriteAgency, type SignedInUser } from '../../auth/policy.js'
import { conflict, notFound } from '../../errors.js'
import { getAgency, type Agency } from '../../repositories/agencies.js'
import { getCycle, type Cycle } from '../../repositories/cycles.js'

// Lookups that turn ids from a request into records, or the right 404/409.

export function findCycle (app: FastifyInstance, cycleId: number): Cycle {
  const cycle = getCycle(app.db, cycleId)
  if (!cycle) throw notFound(`Cycle ${cycleId}`)
  return cycle
}

export function findAgency (app: FastifyInstance, agencyId: number): Agency {
  const agency = getAgency(app.db, agencyId)
  if (!agency) throw notFound(`Agency ${agencyId}`)
  return agency
}

/** The cycle and an agency taking part in it. */
export function findParticipant (app: FastifyInstance, cycleId: number, agencyId: number): { cycle: Cycle, agency: Agency } {
  const cycle = findCycle(app, cycleId)
  const agency = findAgency(app, agencyId)
  if (cycle.agencyIds && !cycle.agencyIds.includes(agencyId)) throw notFound(`Agency ${agencyId} in cycle ${cycleId}`)
  return { cycle, agency }
}

export function assertOpen (cycle: Cycle): void {
  if (cycle.status !== 'open') throw conflict(`Cycle ${cycle.id} is closed: its records can no longer change.`)
}

/** The cycle and an agency taking part in it, for a user allowed to record for that agency while the cycle is open. */
export function findWritableParticipant (app: FastifyInstance, user: SignedInUser, cycleId: number, agencyId: number): { cycle: Cycle, agency: Agency } {
  const found = findParticipant(app, cycleId, agencyId)
  assertCanWriteAgency(user, agencyId)
  assertOpen(found.cycle)
  return found
}

/** A rule of one of the cycle's rule sets, or undefined. */
export function cycleRule (app: FastifyInstance, cycle: Cycle, setId: string, ruleId: string) {
  return cycle.ruleSets.includes(setId) ? app.catalog.rule(setId, ruleId) : undefined
}

/** A rule of one of the cycle's rule sets, or 404. */
export function findCycleRule (app: FastifyInstance, cycle: Cycle, setId: string, ruleId: string) {
  const rule = cycleRule(app, cycle, setId, ruleId)
  if (!rule) throw notFound(`Rule ${setId}/${ruleId} in cycle ${cycle.id}`)
  return rule
}
