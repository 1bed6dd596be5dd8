import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import t from 'tap'
import { projectRoot } from '../../src/paths.js'
import { jsonSchemaPath, ruleSetJsonSchema } from '../../src/rules/write-json-schema.js'
import { minimalRuleSet, shippedRuleSets, shippedSet, writeTempJson } from '../helpers/rules.js'

t.test('the committed JSON Schema for rule authors matches the zod schema', async (t) => {
  t.equal(readFileSync(jsonSchemaPath, 'utf8'), ruleSetJsonSchema(), 'stale: run `npm run rules:schema` and commit rules/rule-set.schema.json')
})

t.test('lscb-core keeps the ids outside clients rely on', async (t) => {
  const core = shippedSet('lscb-core')
  t.equal(core.rules.length, 47)
  t.equal(core.facts.length, 40)
  t.equal(core.rules[0]?.id, 'GOV-01')
  t.equal(core.rules.at(-1)?.id, 'PART-05')
  t.same(core.themes.map((th) => th.id), ['GOV', 'LRN', 'INSP', 'QA', 'WF', 'SYS', 'EH', 'PERF', 'CP', 'LAC', 'PART'])
  for (const rule of core.rules) {
    t.ok(rule.source.length > 5 && !/TODO/.test(rule.source + rule.requirement + rule.title), `${rule.id} has its own wording and a source`)
  }
})

t.test('every shipped set loads with unique ids, sources and evidence guidance', async (t) => {
  for (const set of shippedRuleSets()) {
    const ids = set.rules.map((r) => r.id)
    t.equal(new Set(ids).size, ids.length, `${set.id}: rule ids are unique`)
    for (const r of set.rules) {
      t.ok(r.source.trim().length > 0 && r.evidenceGuidance.trim().length > 0, `${set.id}/${r.id} cites a source and guides evidence`)
    }
  }
})

function cli (...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { cwd: projectRoot, encoding: 'utf8' })
}

t.test('`rules validate` prints a line per set, or one per problem and fails', async (t) => {
  const ok = cli('rules', 'validate')
  t.equal(ok.status, 0, ok.stderr)
  t.match(ok.stdout, /rules\/lscb-core\.json: lscb-core v\S+, 47 rules, 11 themes, 40 facts: OK/)

  const broken = minimalRuleSet()
  broken.rules[0].theme = 'NOPE'
  broken.colour = 'red'
  const [good, bad] = writeTempJson({ 'good.json': minimalRuleSet(), 'bad.json': { ...broken, id: 'bad-set' } })
  const onlyGood = cli('rules', 'validate', good as string)
  t.equal(onlyGood.status, 0)
  t.match(onlyGood.stdout, /test-set v1, 2 rules/)
  t.notMatch(onlyGood.stdout, /lscb-core/, 'only the named files are summarised')

  const failed = cli('rules', 'validate', bad as string)
  t.equal(failed.status, 1)
  t.match(failed.stdout, new RegExp(`${bad}: \\$\\.colour: unknown key "colour"`))
  t.match(failed.stdout, /1 problem found/)
})

t.test('the CLI explains itself', async (t) => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'help'], { cwd: projectRoot, encoding: 'utf8' })
  t.match(out + '', /rules validate/)
})
