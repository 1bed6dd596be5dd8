import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

// The data model, in the order a partnership meets it: who takes part, who signs in,
// the cycles they report in, what each agency records, how auditors respond, what is
// done about the gaps, and the trail of every change. Timestamps are ISO strings (UTC).

const createdAt = () => text().notNull().$defaultFn(() => new Date().toISOString())

export const ROLES = ['admin', 'lead', 'auditor', 'board'] as const
export type Role = (typeof ROLES)[number]

export const agencies = sqliteTable('agencies', {
  id: integer().primaryKey({ autoIncrement: true }),
  name: text().notNull().unique(),
  type: text().notNull(),
  createdAt: createdAt()
})

export const users = sqliteTable('users', {
  id: integer().primaryKey({ autoIncrement: true }),
  email: text().notNull().unique(),
  name: text().notNull(),
  role: text({ enum: ROLES }).notNull(),
  // Leads belong to the agency they report for; an auditor may belong to one, and then
  // cannot review it.
  agencyId: integer().references(() => agencies.id),
  passwordHash: text().notNull(),
  createdAt: createdAt()
})

export const apiTokens = sqliteTable('api_tokens', {
  id: integer().primaryKey({ autoIncrement: true }),
  userId: integer().notNull().references(() => users.id),
  // SHA-256 of the token: a stolen database does not yield usable tokens.
  tokenHash: text().notNull().unique(),
  createdAt: createdAt(),
  expiresAt: text().notNull(),
  revokedAt: text()
})

export const cycles = sqliteTable('cycles', {
  id: integer().primaryKey({ autoIncrement: true }),
  name: text().notNull(),
  ruleSets: text({ mode: 'json' }).$type<string[]>().notNull(),
  // null: every agency of the partnership takes part.
  agencyIds: text({ mode: 'json' }).$type<number[] | null>(),
  startsOn: text().notNull(),
  endsOn: text().notNull(),
  referenceDate: text().notNull(),
  status: text({ enum: ['open', 'closed'] }).notNull().default('open'),
  createdAt: createdAt()
})

export const factValues = sqliteTable('fact_values', {
  cycleId: integer().notNull().references(() => cycles.id),
  agencyId: integer().notNull().references(() => agencies.id),
  factId: text().notNull(),
  value: text({ mode: 'json' }).$type<boolean | number | string>().notNull(),
  updatedAt: text().notNull(),
  updatedBy: integer().references(() => users.id)
}, (t) => [primaryKey({ columns: [t.cycleId, t.agencyId, t.factId] })])

export const localTargets = sqliteTable('local_targets', {
  cycleId: integer().notNull().references(() => cycles.id),
  agencyId: integer().notNull().references(() => agencies.id),
  setId: text().notNull(),
  ruleId: text().notNull(),
  value: real().notNull(),
  updatedAt: text().notNull(),
  updatedBy: integer().references(() => users.id)
}, (t) => [primaryKey({ columns: [t.cycleId, t.agencyId, t.setId, t.ruleId] })])

export const ASSESSMENT_RAGS = ['red', 'amber', 'green', 'na'] as const

export const assessments = sqliteTable('assessments', {
  id: integer().primaryKey({ autoIncrement: true }),
  cycleId: integer().notNull().references(() => cycles.id),
  agencyId: integer().notNull().references(() => agencies.id),
  setId: text().notNull(),
  ruleId: text().notNull(),
  rag: text({ enum: ASSESSMENT_RAGS }).notNull(),
  narrative: text(),
  naReason: text(),
  // Optimistic locking: a write must name the version it read.
  version: integer().notNull().default(1),
  updatedAt: text().notNull(),
  updatedBy: integer().references(() => users.id)
}, (t) => [uniqueIndex('assessments_rule').on(t.cycleId, t.agencyId, t.setId, t.ruleId)])

export const evidence = sqliteTable('evidence', {
  id: integer().primaryKey({ autoIncrement: true }),
  cycleId: integer().notNull().references(() => cycles.id),
  agencyId: integer().notNull().references(() => agencies.id),
  setId: text().notNull(),
  ruleId: text().notNull(),
  kind: text({ enum: ['link', 'note'] }).notNull(),
  title: text().notNull(),
  url: text(),
  text: text(),
  createdAt: createdAt(),
  createdBy: integer().references(() => users.id)
}, (t) => [index('evidence_rule').on(t.cycleId, t.agencyId, t.setId, t.ruleId)])

export const reviews = sqliteTable('reviews', {
  id: integer().primaryKey({ autoIncrement: true }),
  cycleId: integer().notNull().references(() => cycles.id),
  agencyId: integer().notNull().references(() => agencies.id),
  setId: text().notNull(),
  ruleId: text().notNull(),
  decision: text({ enum: ['agree', 'challenge'] }).notNull(),
  // For an agree, the self-rating agreed with; for a challenge, the auditor's own rating.
  rag: text({ enum: ['red', 'amber', 'green'] }),
  comment: text(),
  assessmentVersion: integer(),
  createdAt: createdAt(),
  createdBy: integer().references(() => users.id)
}, (t) => [index('reviews_rule').on(t.cycleId, t.agencyId, t.setId, t.ruleId)])

export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const

export const actions = sqliteTable('actions', {
  id: integer().primaryKey({ autoIncrement: true }),
  cycleId: integer().notNull().references(() => cycles.id),
  agencyId: integer().notNull().references(() => agencies.id),
  title: text().notNull(),
  owner: text().notNull(),
  dueOn: text().notNull(),
  successMeasure: text().notNull(),
  status: text({ enum: ACTION_STATUSES }).notNull().default('planned'),
  version: integer().notNull().default(1),
  createdAt: createdAt(),
  createdBy: integer().references(() => users.id),
  updatedAt: text().notNull()
}, (t) => [index('actions_cycle_agency').on(t.cycleId, t.agencyId)])

/** The rules an action addresses: one action may close several gaps. */
export const actionRules = sqliteTable('action_rules', {
  actionId: integer().notNull().references(() => actions.id),
  setId: text().notNull(),
  ruleId: text().notNull()
}, (t) => [primaryKey({ columns: [t.actionId, t.setId, t.ruleId] })])

export const actionNotes = sqliteTable('action_notes', {
  id: integer().primaryKey({ autoIncrement: true }),
  actionId: integer().notNull().references(() => actions.id),
  note: text().notNull(),
  createdAt: createdAt(),
  createdBy: integer().references(() => users.id)
})

/** Append-only: triggers in the migrations refuse UPDATE and DELETE. */
export const auditLog = sqliteTable('audit_log', {
  id: integer().primaryKey({ autoIncrement: true }),
  at: text().notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  userId: integer().references(() => users.id),
  action: text().notNull(),
  entity: text().notNull(),
  entityId: text().notNull(),
  before: text({ mode: 'json' }),
  after: text({ mode: 'json' })
}, (t) => [index('audit_entity').on(t.entity, t.entityId)])
