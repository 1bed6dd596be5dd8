import type { Role } from '../db/schema.js'
import { forbidden } from '../errors.js'
import type { UserView } from '../repositories/users.js'

// Who may do what, in one place. Routes declare the roles they admit (`config.access`,
// enforced for every /api route by the auth plugin); the agency-level rules below are
// called by the handlers once they know which agency a request touches.

export type Access = 'public' | readonly Role[]

export const ANY_ROLE: readonly Role[] = ['admin', 'lead', 'auditor', 'board']
export const ADMIN: readonly Role[] = ['admin']
export const RECORDERS: readonly Role[] = ['admin', 'lead']
export const REVIEWERS: readonly Role[] = ['auditor']

export type SignedInUser = UserView

/** A lead sees only its own agency; every other role sees every agency. */
export function canReadAgency (user: SignedInUser, agencyId: number): boolean {
  return user.role !== 'lead' || user.agencyId === agencyId
}

/** An admin, or the lead of that agency. */
export function canWriteAgency (user: SignedInUser, agencyId: number): boolean {
  return user.role === 'admin' || (user.role === 'lead' && user.agencyId === agencyId)
}

export function assertCanReadAgency (user: SignedInUser, agencyId: number): void {
  if (!canReadAgency(user, agencyId)) throw forbidden('A lead can only see its own agency.')
}

export function assertCanWriteAgency (user: SignedInUser, agencyId: number): void {
  if (!canWriteAgency(user, agencyId)) {
    throw forbidden(user.role === 'lead' ? 'A lead can only record for its own agency.' : `A ${user.role} cannot record for an agency.`)
  }
}

/** Auditors review any agency but their own. */
export function assertCanReview (user: SignedInUser, agencyId: number): void {
  if (user.role !== 'auditor') throw forbidden('Only auditors review ratings.')
  if (user.agencyId === agencyId) throw forbidden("An auditor cannot review their own agency's rating.")
}

/** The agencies a user may see, narrowed to `requested` when given. */
export function visibleAgencyIds (user: SignedInUser, requested: number | undefined): number[] | undefined {
  if (requested !== undefined) {
    assertCanReadAgency(user, requested)
    return [requested]
  }
  if (user.role === 'lead') return user.agencyId === null ? [] : [user.agencyId]
  return undefined
}
