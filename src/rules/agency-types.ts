// The kinds of partner agency in a safeguarding partnership. Rule sets name these in
// `appliesTo`; agencies are created with one of them.
export const AGENCY_TYPES = [
  'board',
  'local_authority',
  'health_commissioner',
  'health_provider',
  'police',
  'probation',
  'youth_justice',
  'education',
  'early_years',
  'voluntary',
  'housing',
  'other'
] as const

export type AgencyType = (typeof AGENCY_TYPES)[number]

export const AGENCY_TYPE_LABELS: Record<AgencyType, string> = {
  board: 'Safeguarding board or partnership',
  local_authority: "Local authority children's services",
  health_commissioner: 'Health commissioner',
  health_provider: 'Health provider',
  police: 'Police',
  probation: 'Probation',
  youth_justice: 'Youth justice',
  education: 'Education',
  early_years: 'Early years',
  voluntary: 'Voluntary sector',
  housing: 'Housing',
  other: 'Other'
}
