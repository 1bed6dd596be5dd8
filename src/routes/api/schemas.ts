import { z } from 'zod'
import { AGENCY_TYPES } from '../../rules/agency-types.js'

// Schemas shared by several /api routes; each route keeps its own next to it.

export const Id = z.coerce.number({ error: 'must be a number' }).int('must be a whole number').positive('must be above 0')
export const IsoDate = z.iso.date('must be a date written YYYY-MM-DD')
export const RagSchema = z.enum(['red', 'amber', 'green'])
export const AgencyTypeSchema = z.enum(AGENCY_TYPES)
export const RuleRefSchema = z.strictObject({ setId: z.string().min(1), ruleId: z.string().min(1) })
export const ShortText = z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters')
export const LongText = z.string().trim().min(1, 'must not be empty').max(20_000, 'must be at most 20,000 characters')

export const CycleParams = z.strictObject({ cycleId: Id })
export const CycleAgencyParams = z.strictObject({ cycleId: Id, agencyId: Id })
export const RuleParams = CycleAgencyParams.extend({ setId: z.string().min(1), ruleId: z.string().min(1) })

export const ResultsQuery = z.strictObject({
  agency: Id.optional(),
  asOf: IsoDate.optional()
})
