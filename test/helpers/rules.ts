import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { paths } from '../../src/paths.js'
import { loadRuleSetsOrThrow, ruleSetFiles, type LoadedRuleSet } from '../../src/rules/loader.js'

let shipped: LoadedRuleSet[] | undefined

export function shippedRuleSets (): LoadedRuleSet[] {
  shipped ??= loadRuleSetsOrThrow(ruleSetFiles(paths.rules))
  return shipped
}

export function shippedSet (id: string): LoadedRuleSet {
  const set = shippedRuleSets().find((s) => s.id === id)
  if (!set) throw new Error(`rule set ${id} is not shipped`)
  return set
}

/** Writes JSON documents into a fresh temporary folder and returns their paths. */
export function writeTempJson (files: Record<string, unknown>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'rules-'))
  return Object.entries(files).map(([name, content]) => {
    const path = join(dir, name)
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2))
    return path
  })
}

/** A small valid rule set that tests break one way at a time. */
export function minimalRuleSet (): any {
  return {
    id: 'test-set',
    title: 'Test set',
    publisher: 'Tests',
    publishedOn: '2010-01-01',
    version: '1',
    source: { title: 'Made up for tests' },
    themes: [{ id: 'GOV', title: 'Governance' }],
    facts: [
      { id: 'lay_members', label: 'Lay members', type: 'count', unit: 'members', polarity: 'higher_is_better' },
      { id: 'chair', label: 'Chair', type: 'text', allowedValues: ['independent', 'officer'] },
      { id: 'audit_on', label: 'Audit date', type: 'date' },
      { id: 'timely_pct', label: 'Timely', type: 'percent', polarity: 'higher_is_better' }
    ],
    rules: [
      {
        id: 'R1',
        source: 'Test source 1',
        theme: 'GOV',
        title: 'Two lay members',
        requirement: 'The board has two lay members.',
        appliesTo: ['board'],
        priority: 'high',
        evidenceGuidance: 'Appointment letters.',
        criteria: {
          kind: 'firstMatch',
          clauses: [
            { fact: 'lay_members', op: 'gte', value: 2, rag: 'green' },
            { fact: 'lay_members', op: 'eq', value: 1, rag: 'amber' }
          ],
          otherwise: 'red'
        }
      },
      {
        id: 'R2',
        source: 'Test source 2',
        theme: 'GOV',
        title: 'Timely',
        requirement: 'Things are timely.',
        appliesTo: 'all',
        priority: 'medium',
        evidenceGuidance: 'Performance report.',
        criteria: { kind: 'compare', fact: 'timely_pct', direction: 'higher_is_better', amberBand: 5 },
        defaultTarget: 80
      }
    ]
  }
}
