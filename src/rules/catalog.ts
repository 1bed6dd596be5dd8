import type { LoadedRuleSet } from './loader.js'
import type { FactDef, Rule, RuleSet } from './schema.js'

/** The loaded rule sets, indexed for the lookups requests make. */
export class RuleCatalog {
  readonly sets: readonly LoadedRuleSet[]
  private readonly byId: Map<string, LoadedRuleSet>
  private readonly rules: Map<string, Rule>

  constructor (sets: readonly LoadedRuleSet[]) {
    this.sets = sets
    this.byId = new Map(sets.map((s) => [s.id, s]))
    this.rules = new Map(sets.flatMap((s) => s.rules.map((r) => [`${s.id}/${r.id}`, r] as const)))
  }

  get (setId: string): LoadedRuleSet | undefined {
    return this.byId.get(setId)
  }

  rule (setId: string, ruleId: string): Rule | undefined {
    return this.rules.get(`${setId}/${ruleId}`)
  }

  /** The sets of a cycle, in the cycle's order. */
  setsOf (setIds: readonly string[]): RuleSet[] {
    return setIds.map((id) => this.byId.get(id)).filter((s): s is LoadedRuleSet => s !== undefined)
  }

  /** Facts an agency can record in a cycle: every fact its sets declare (a shared id is declared alike). */
  factsOf (setIds: readonly string[]): Map<string, FactDef> {
    return new Map(this.setsOf(setIds).flatMap((s) => s.facts.map((f) => [f.id, f] as const)))
  }
}
