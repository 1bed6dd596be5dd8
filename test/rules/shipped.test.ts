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

t.test('the README states the rule count of every shipped set', async (t) => {
  const readme = readFileSync(`${projectRoot}/README.md`, 'utf8')
  const stated = new Map([...readme.matchAll(/^\| `([a-z0-9-]+)` \| [^|]+ \| (\d+) \|$/gm)].map((m) => [m[1], Number(m[2])]))
  const sets = shippedRuleSets()
  t.same([...stated.keys()].sort(), sets.map((s) => s.id).sort(), 'one row per shipped set')
  for (const set of sets) t.equal(stated.get(set.id), set.rules.length, `${set.id} has the stated number of rules`)
})

t.test('shipped sets are linked: mappings and supersedes resolve, Laming numbers are cited', async (t) => {
  const sets = shippedRuleSets()
  const exists = (setId: string, ruleId: string) => sets.some((s) => s.id === setId && s.rules.some((r) => r.id === ruleId))
  let mappings = 0
  let supersedes = 0
  for (const set of sets) {
    for (const rule of set.rules) {
      for (const m of rule.mappings ?? []) { mappings++; t.ok(exists(m.setId, m.ruleId), `${set.id}/${rule.id} maps to ${m.setId}/${m.ruleId}`) }
      for (const s of rule.supersedes ?? []) { supersedes++; t.ok(exists(s.setId, s.ruleId), `${set.id}/${rule.id} supersedes ${s.setId}/${s.ruleId}`) }
    }
  }
  t.ok(mappings > 10, 'sets map to each other')
  t.ok(supersedes > 5, 'later editions name what they supersede')
  t.ok(shippedSet('wt-2023').rules.some((r) => r.supersedes?.some((s) => s.setId === 'lscb-statutory-2010')))
  for (const rule of shippedSet('laming-2009').rules) {
    t.match(rule.source, /Laming \(2009\), recommendations? \d+/, `${rule.id} cites its recommendation numbers`)
  }
  const national = shippedSet('laming-2009').rules.filter((r) => r.appliesTo === 'national')
  t.ok(national.length > 0 && national.length < shippedSet('laming-2009').rules.length, 'some Laming rules are national, some local')
})
