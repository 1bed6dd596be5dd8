import type { FactDef, FactType } from './schema.js'

export type FactValue = boolean | number | string

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}

const TYPE_PHRASES: Record<FactType, string> = {
  boolean: 'true or false',
  number: 'a number',
  percent: 'a percentage from 0 to 100',
  count: 'a whole number of 0 or more',
  date: 'a date written YYYY-MM-DD',
  text: 'text'
}

export const MAX_TEXT_FACT_LENGTH = 2000

export interface FactProblem {
  factId: string
  message: string
}

/** Every value that cannot be recorded against the declared facts, and why. null clears a value. */
export function factValuesProblems (facts: ReadonlyMap<string, FactDef>, values: Readonly<Record<string, unknown>>): FactProblem[] {
  const problems: FactProblem[] = []
  for (const [factId, value] of Object.entries(values)) {
    const fact = facts.get(factId)
    const message = !fact ? "is not a fact of this cycle's rule sets" : value === null ? null : factValueProblem(fact, value)
    if (message) problems.push({ factId, message })
  }
  return problems
}

/** Why `value` cannot be recorded for `fact`, or null when it can. */
export function factValueProblem(fact: FactDef, value: unknown): string | null {
  const expected = `must be ${TYPE_PHRASES[fact.type]}`
  switch (fact.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : expected
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : expected
    case 'percent':
      if (fact.signed) return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a signed percentage difference, such as -12.5 or 30'
      return typeof value === 'number' && value >= 0 && value <= 100 ? null : expected
    case 'count':
      return Number.isInteger(value) && (value as number) >= 0 ? null : expected
    case 'date':
      return isIsoDate(value) ? null : expected
    case 'text':
      if (typeof value !== 'string' || value.trim() === '') return 'must be non-empty text'
      if (value.length > MAX_TEXT_FACT_LENGTH) return `must be at most ${MAX_TEXT_FACT_LENGTH} characters`
      if (fact.allowedValues && !fact.allowedValues.includes(value)) {
        return `must be one of ${fact.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
      }
      return null
  }
}

export function isNumericType(type: FactType): boolean {
  return type === 'number' || type === 'percent' || type === 'count'
}

/** A value as a lead would write it in a sentence: "59.3%", "2 members", "independent interim". */
export function formatFactValue(fact: FactDef, value: FactValue): string {
  if (fact.type === 'percent' && typeof value === 'number') return `${formatNumber(value)}%`
  if (typeof value === 'number') return fact.unit ? `${formatNumber(value)} ${fact.unit}` : formatNumber(value)
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (fact.type === 'text') return `"${value.replaceAll('_', ' ')}"`
  return value
}

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100)
}
