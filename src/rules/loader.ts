import { readFileSync, readdirSync } from 'node:fs'
import { join, relative, isAbsolute } from 'node:path'
import type { z } from 'zod'
import { RuleSet, type Clause, type Criteria, type FactDef, type Rule } from './schema.js'
import { isIsoDate, isNumericType } from './facts.js'

export interface RuleProblem {
  file: string
  /** JSON path inside the file, such as `$.rules[3].criteria.fact`. */
  path: string
  message: string
}

export interface LoadedRuleSet extends RuleSet {
  file: string
}

export interface LoadResult {
  ruleSets: LoadedRuleSet[]
  problems: RuleProblem[]
}

/** The JSON Schema for authors sits beside the rule sets; it is not one. */
export const JSON_SCHEMA_FILE = 'rule-set.schema.json'

export class RuleSetsInvalidError extends Error {
  readonly problems: RuleProblem[]
  constructor (problems: RuleProblem[]) {
    super(`The rule sets have ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map(formatProblem).join('\n')}`)
    this.name = 'RuleSetsInvalidError'
    this.problems = problems
  }
}

export function formatProblem (p: RuleProblem): string {
  return `${p.file}: ${p.path}: ${p.message}`
}

export function ruleSetFiles (dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json'))
    .sort()
    .map((name) => join(dir, name))
}

/** Reads, validates and cross-checks rule-set files. Problems are collected, never thrown. */
export function loadRuleSets (files: string[]): LoadResult {
  const problems: RuleProblem[] = []
  const ruleSets: LoadedRuleSet[] = []
  for (const path of files) {
    const file = displayName(path)
    const parsed = parseRuleSetFile(path, file)
    problems.push(...parsed.problems)
    if (parsed.ruleSet) {
      const own = checkRuleSet(parsed.ruleSet, file)
      problems.push(...own)
      ruleSets.push({ ...parsed.ruleSet, file })
    }
  }
  problems.push(...checkAcrossSets(ruleSets))
  return { ruleSets, problems }
}

export function loadRuleSetsOrThrow (files: string[]): LoadedRuleSet[] {
  const { ruleSets, problems } = loadRuleSets(files)
  if (problems.length > 0) throw new RuleSetsInvalidError(problems)
  return ruleSets
}

function displayName (path: string): string {
  const rel = relative(process.cwd(), path)
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel
}

function parseRuleSetFile (path: string, file: string): { ruleSet?: RuleSet, problems: RuleProblem[] } {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `not valid JSON: ${(err as Error).message}`
    return { problems: [{ file, path: '$', message: reason }] }
  }
  const result = RuleSet.safeParse(json)
  if (result.success) return { ruleSet: result.data, problems: [] }
  return { problems: result.error.issues.flatMap((issue) => issueToProblems(issue, file)) }
}

function issueToProblems (issue: z.core.$ZodIssue, file: string): RuleProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ file, path: jsonPath([...issue.path, key]), message: `unknown key "${key}"` }))
  }
  return [{ file, path: jsonPath(issue.path), message: issue.message.replace(/^Invalid input: /, '') }]
}

export function jsonPath (segments: readonly PropertyKey[]): string {
  let out = '$'
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`
    else if (typeof s === 'string' && /^[A-Za-z_$][\w$]*$/.test(s)) out += `.${s}`
    else out += `[${JSON.stringify(String(s))}]`
  }
  return out
}

// Checks that need the whole set: ids, references to themes and facts, and whether
// each criterion can be evaluated against the type of the fact it reads.
function checkRuleSet (set: RuleSet, file: string): RuleProblem[] {
  const problems: RuleProblem[] = []
  const report = (path: string, message: string): void => { problems.push({ file, path, message }) }

  const themes = firstIndexById(set.themes, '$.themes', 'theme', report)
  const facts = firstIndexById(set.facts, '$.facts', 'fact', report)
  firstIndexById(set.rules, '$.rules', 'rule', report)

  set.facts.forEach((fact, i) => {
    const at = `$.facts[${i}]`
    if (fact.allowedValues && fact.type !== 'text') report(`${at}.allowedValues`, `allowedValues is only for text facts, not ${fact.type}`)
    if (fact.polarity && !isNumericType(fact.type)) report(`${at}.polarity`, `polarity is only for number, percent and count facts, not ${fact.type}`)
    if (fact.signed !== undefined && fact.type !== 'percent') report(`${at}.signed`, `signed is only for percent facts, not ${fact.type}`)
  })

  set.rules.forEach((rule, i) => {
    const at = `$.rules[${i}]`
    if (!themes.has(rule.theme)) report(`${at}.theme`, `theme "${rule.theme}" is not declared in $.themes`)
    if (rule.criteria) checkCriteria(rule.criteria, `${at}.criteria`, (id) => facts.get(id), report)
    if (rule.defaultTarget !== undefined && rule.criteria?.kind !== 'compare') {
      report(`${at}.defaultTarget`, 'defaultTarget is only read by compare criteria')
    }
    checkSelfReferences(rule, set, at, report)
  })
  return problems
}

type Report = (path: string, message: string) => void

function firstIndexById<T extends { id: string }> (items: T[], at: string, what: string, report: Report): Map<string, T> {
  const seen = new Map<string, T>()
  const firstAt = new Map<string, number>()
  items.forEach((item, i) => {
    if (seen.has(item.id)) {
      report(`${at}[${i}].id`, `duplicate ${what} id "${item.id}" (first declared at ${at}[${firstAt.get(item.id)}])`)
    } else {
      seen.set(item.id, item)
      firstAt.set(item.id, i)
    }
  })
  return seen
}

function checkSelfReferences (rule: Rule, set: RuleSet, at: string, report: Report): void {
  rule.mappings?.forEach((m, j) => {
    if (m.setId === set.id && m.ruleId === rule.id) report(`${at}.mappings[${j}]`, 'a rule cannot map to itself')
  })
  rule.supersedes?.forEach((s, j) => {
    if (s.setId === set.id) report(`${at}.supersedes[${j}].setId`, 'a rule can only supersede rules of an earlier set, not its own')
  })
}

function checkCriteria (criteria: Criteria, at: string, factOf: (id: string) => FactDef | undefined, report: Report): void {
  if (criteria.kind === 'firstMatch') {
    criteria.clauses.forEach((clause, j) => { checkClause(clause, `${at}.clauses[${j}]`, factOf, report) })
    return
  }
  const fact = factOf(criteria.fact)
  if (!fact) {
    report(`${at}.fact`, `fact "${criteria.fact}" is not declared in $.facts`)
    return
  }
  if (!isNumericType(fact.type)) {
    report(`${at}.fact`, `${criteria.kind} criteria need a number, percent or count fact; "${fact.id}" is ${fact.type}`)
  }
  const expected = criteria.direction === 'two_sided' ? 'closer_to_target_is_better' : criteria.direction
  if (fact.polarity && fact.polarity !== expected) {
    report(`${at}.direction`, `direction ${criteria.direction} contradicts the polarity ${fact.polarity} of fact "${fact.id}"`)
  }
  if (criteria.kind === 'variance' && !(fact.type === 'percent' && fact.signed === true)) {
    report(`${at}.fact`, `variance criteria read a signed difference from a target: declare fact "${fact.id}" as a percent with "signed": true`)
  }
  if (criteria.kind === 'variance' && criteria.amberWithin < criteria.greenWithin) {
    report(`${at}.amberWithin`, `amberWithin (${criteria.amberWithin}) must not be smaller than greenWithin (${criteria.greenWithin})`)
  }
}

const OPS_FOR_TYPE: Record<FactDef['type'], Clause['op'][]> = {
  boolean: ['eq'],
  number: ['eq', 'in', 'gte', 'lte'],
  percent: ['eq', 'in', 'gte', 'lte'],
  count: ['eq', 'in', 'gte', 'lte'],
  date: ['eq', 'gte', 'lte', 'withinMonths'],
  text: ['eq', 'in']
}

function checkClause (clause: Clause, at: string, factOf: (id: string) => FactDef | undefined, report: Report): void {
  const fact = factOf(clause.fact)
  if (!fact) {
    report(`${at}.fact`, `fact "${clause.fact}" is not declared in $.facts`)
    return
  }
  const allowed = OPS_FOR_TYPE[fact.type]
  if (!allowed.includes(clause.op)) {
    report(`${at}.op`, `operator "${clause.op}" cannot be used on ${fact.type} fact "${fact.id}" (use ${allowed.join(', ')})`)
    return
  }
  const problem = clauseValueProblem(clause, fact)
  if (problem) report(`${at}.value`, problem)
}

function clauseValueProblem (clause: Clause, fact: FactDef): string | null {
  const { op, value } = clause
  if (op === 'withinMonths') {
    return Number.isInteger(value) && (value as number) > 0 ? null : 'withinMonths needs a whole number of months above 0'
  }
  if (op === 'in') {
    if (!Array.isArray(value)) return '"in" needs a list of values'
    for (const v of value) {
      const p = scalarProblem(v, fact)
      if (p) return p
    }
    return null
  }
  if (Array.isArray(value)) return `"${op}" needs a single value, not a list`
  return scalarProblem(value, fact)
}

function scalarProblem (value: unknown, fact: FactDef): string | null {
  switch (fact.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : `fact "${fact.id}" is boolean: compare it with true or false`
    case 'date':
      return isIsoDate(value) ? null : `fact "${fact.id}" is a date: compare it with a date written YYYY-MM-DD`
    case 'text':
      if (typeof value !== 'string') return `fact "${fact.id}" is text: compare it with text`
      if (fact.allowedValues && !fact.allowedValues.includes(value)) {
        return `"${value}" is not one of the allowed values of fact "${fact.id}" (${fact.allowedValues.join(', ')})`
      }
      return null
    default:
      return typeof value === 'number' ? null : `fact "${fact.id}" is ${fact.type}: compare it with a number`
  }
}

// Checks that need every set: set ids, shared fact ids and references between sets.
function checkAcrossSets (sets: LoadedRuleSet[]): RuleProblem[] {
  const problems: RuleProblem[] = []
  const byId = new Map<string, LoadedRuleSet>()
  const factOwners = new Map<string, { fact: FactDef, file: string }>()
  for (const set of sets) {
    const other = byId.get(set.id)
    if (other) problems.push({ file: set.file, path: '$.id', message: `rule set id "${set.id}" is already used by ${other.file}` })
    else byId.set(set.id, set)
    set.facts.forEach((fact, i) => {
      const owner = factOwners.get(fact.id)
      if (!owner) {
        factOwners.set(fact.id, { fact, file: set.file })
      } else if (owner.file !== set.file && !sameFactShape(owner.fact, fact)) {
        // Fact values are recorded once per agency and cycle, so a shared id must mean one thing.
        problems.push({
          file: set.file,
          path: `$.facts[${i}]`,
          message: `fact "${fact.id}" is declared in ${owner.file} with another type, allowed values or polarity; a shared fact id must be declared the same way`
        })
      }
    })
  }
  const ruleExists = (setId: string, ruleId: string): string | null => {
    const target = byId.get(setId)
    if (!target) return `rule set "${setId}" is not loaded`
    return target.rules.some((r) => r.id === ruleId) ? null : `rule "${ruleId}" does not exist in rule set "${setId}"`
  }
  for (const set of sets) {
    set.rules.forEach((rule, i) => {
      for (const [key, refs] of [['mappings', rule.mappings], ['supersedes', rule.supersedes]] as const) {
        refs?.forEach((ref, j) => {
          const problem = ruleExists(ref.setId, ref.ruleId)
          if (problem) problems.push({ file: set.file, path: `$.rules[${i}].${key}[${j}]`, message: `${key === 'mappings' ? 'maps to' : 'supersedes'} a missing rule: ${problem}` })
        })
      }
    })
  }
  return problems
}

function sameFactShape (a: FactDef, b: FactDef): boolean {
  return a.type === b.type &&
    a.polarity === b.polarity &&
    a.signed === b.signed &&
    JSON.stringify(a.allowedValues ?? null) === JSON.stringify(b.allowedValues ?? null)
}
