import { resolve } from 'node:path'
import { paths } from '../paths.js'
import { formatProblem, loadRuleSets, ruleSetFiles } from '../rules/loader.js'

/**
 * `rules validate [FILE...]`: checks the named files, or every set in rules/ when none is named.
 * Named files are checked together with the shipped sets so mappings into them resolve.
 */
export function validateRules (files: string[], out: (line: string) => void): number {
  const named = files.map((f) => resolve(f))
  const shipped = ruleSetFiles(paths.rules).filter((f) => !named.includes(f))
  const { ruleSets, problems } = loadRuleSets([...named, ...shipped])
  const reported = named.length === 0 ? ruleSets : ruleSets.filter((s) => named.includes(resolve(s.file)))
  if (problems.length > 0) {
    for (const p of problems) out(formatProblem(p))
    out(`${problems.length} problem${problems.length === 1 ? '' : 's'} found.`)
    return 1
  }
  for (const set of reported) {
    out(`${set.file}: ${set.id} v${set.version}, ${set.rules.length} rules, ${set.themes.length} themes, ${set.facts.length} facts: OK`)
  }
  return 0
}
