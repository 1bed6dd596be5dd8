import { z } from 'zod'
import { AGENCY_TYPES } from './agency-types.js'

// The rule-set format. Every object is strict: an unknown key is an author's typo, and a
// typo silently ignored is a requirement silently dropped.

const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-", starting with a letter or digit')
  .max(64)
const factId = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lower-case letters, digits and "_", starting with a letter')
  .max(64)
const isoDate = z.iso.date('must be a date written YYYY-MM-DD')
const text = z.string().trim().min(1, 'must not be empty')

export const RAG_VALUES = ['red', 'amber', 'green'] as const
export const Rag = z.enum(RAG_VALUES)
export type Rag = z.infer<typeof Rag>

export const PRIORITIES = ['high', 'medium', 'low'] as const
export const Priority = z.enum(PRIORITIES)
export type Priority = z.infer<typeof Priority>

export const FACT_TYPES = ['boolean', 'number', 'percent', 'count', 'date', 'text'] as const
export const FactType = z.enum(FACT_TYPES)
export type FactType = z.infer<typeof FactType>

export const Polarity = z.enum(['higher_is_better', 'lower_is_better', 'closer_to_target_is_better'])
export type Polarity = z.infer<typeof Polarity>

export const FactDef = z
  .strictObject({
    id: factId,
    label: text,
    type: FactType,
    description: text.optional(),
    unit: text.optional(),
    allowedValues: z.array(text).min(1).optional().describe('for text facts: the only values that may be recorded'),
    polarity: Polarity.optional().describe('for indicators: which way is better'),
    signed: z.boolean().optional().describe('for percent facts that hold a signed difference from a target: they may be negative or above 100')
  })
  .describe('A fact an agency records, read by the criteria of this set')
export type FactDef = z.infer<typeof FactDef>

export const Theme = z.strictObject({
  id,
  title: text,
  description: text.optional()
})
export type Theme = z.infer<typeof Theme>

const scalar = z.union([z.string(), z.number(), z.boolean()])

export const Clause = z.strictObject({
  fact: factId,
  op: z.enum(['eq', 'in', 'gte', 'lte', 'withinMonths']),
  value: z.union([scalar, z.array(z.union([z.string(), z.number()])).min(1)]),
  rag: Rag
})
export type Clause = z.infer<typeof Clause>

export const CompareCriteria = z
  .strictObject({
    kind: z.literal('compare'),
    fact: factId,
    direction: z.enum(['higher_is_better', 'lower_is_better']),
    amberBand: z.number().min(0).describe('how far on the wrong side of the target is still amber, in the fact\'s unit')
  })
  .describe('The fact against the target: the agency\'s local target for the cycle, else the rule\'s defaultTarget')

export const VarianceCriteria = z
  .strictObject({
    kind: z.literal('variance'),
    fact: factId,
    direction: z.enum(['higher_is_better', 'lower_is_better', 'two_sided']),
    greenWithin: z.number().min(0).default(0),
    amberWithin: z.number().min(0)
  })
  .describe('The fact is a signed percentage difference from a local target (positive means above it)')

export const FirstMatchCriteria = z
  .strictObject({
    kind: z.literal('firstMatch'),
    clauses: z.array(Clause).min(1),
    otherwise: Rag
  })
  .describe('Clauses tried in order; the first that matches gives the RAG, else `otherwise`')

export const Criteria = z.discriminatedUnion('kind', [CompareCriteria, VarianceCriteria, FirstMatchCriteria])
export type Criteria = z.infer<typeof Criteria>
export type CompareCriteria = z.infer<typeof CompareCriteria>
export type VarianceCriteria = z.infer<typeof VarianceCriteria>
export type FirstMatchCriteria = z.infer<typeof FirstMatchCriteria>

export const RuleRef = z.strictObject({ setId: id, ruleId: id })
export type RuleRef = z.infer<typeof RuleRef>

export const Mapping = RuleRef.extend({
  relationship: z.enum(['equal', 'subset', 'superset', 'intersects']).describe('how this rule relates to the other one')
})
export type Mapping = z.infer<typeof Mapping>

export const AppliesTo = z.union(
  [
    z.literal('all').describe('every partner agency'),
    z.literal('national').describe('addressed to national government: shown for awareness, not assessed locally'),
    z.array(z.enum(AGENCY_TYPES)).min(1)
  ],
  { error: `must be "all", "national" or a list of agency types (${AGENCY_TYPES.join(', ')})` }
)
export type AppliesTo = z.infer<typeof AppliesTo>

export const Rule = z.strictObject({
  id,
  source: text.describe('where the requirement comes from, precise enough to find it'),
  theme: id,
  title: text,
  requirement: text.describe('the requirement in plain words'),
  appliesTo: AppliesTo,
  priority: Priority,
  evidenceGuidance: text,
  criteria: Criteria.optional(),
  defaultTarget: z.number().optional().describe('target for compare criteria when the agency sets none'),
  deadline: isoDate.optional(),
  mappings: z.array(Mapping).optional(),
  supersedes: z.array(RuleRef).optional()
})
export type Rule = z.infer<typeof Rule>

export const RuleSet = z.strictObject({
  $schema: z.string().optional(),
  id,
  title: text,
  publisher: text,
  publishedOn: isoDate,
  version: text,
  source: z.strictObject({
    title: text,
    url: z.url().optional(),
    note: text.optional()
  }),
  description: text.optional(),
  themes: z.array(Theme).min(1),
  facts: z.array(FactDef).default([]),
  rules: z.array(Rule).min(1)
})
export type RuleSet = z.infer<typeof RuleSet>
