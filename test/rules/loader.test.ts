import t, { type Test } from 'tap'
import { formatProblem, loadRuleSets, type RuleProblem } from '../../src/rules/loader.js'
import { minimalRuleSet, writeTempJson } from '../helpers/rules.js'

function loadOne (doc: unknown, name = 'broken.json'): { file: string, problems: RuleProblem[] } {
  const [file] = writeTempJson({ [name]: doc }) as [string]
  return { file, problems: loadRuleSets([file]).problems }
}

/** Asserts exactly one problem, naming the file, the JSON path and a reason. */
function expectProblem (t: Test, doc: unknown, path: string, reason: RegExp): void {
  const { file, problems } = loadOne(doc)
  t.equal(problems.length, 1, `one problem: ${problems.map(formatProblem).join(' | ')}`)
  const [p] = problems
  t.ok(p, 'a problem is reported')
  if (!p) return
  t.equal(p.file, file, 'names the file')
  t.equal(p.path, path, 'names the JSON path')
  t.match(p.message, reason, 'says why')
  t.ok(formatProblem(p).startsWith(`${file}: ${path}: `), 'formats as file: path: reason')
}

t.test('a valid set loads with no problems', async (t) => {
  const { problems } = loadOne(minimalRuleSet(), 'ok.json')
  t.same(problems, [])
})

t.test('a file that is not JSON', async (t) => {
  expectProblem(t, '{ "id": "x", ', '$', /not valid JSON/)
})

t.test('a missing file', async (t) => {
  const { problems } = loadRuleSets(['/nonexistent/rules.json'])
  t.equal(problems.length, 1)
  t.match(problems[0]?.message, /file not found/)
})

t.test('an unknown key, at the top and deep inside', async (t) => {
  const top = minimalRuleSet()
  top.author = 'me'
  expectProblem(t, top, '$.author', /unknown key "author"/)

  const deep = minimalRuleSet()
  deep.rules[0].criteria.clauses[1].colour = 'amber'
  expectProblem(t, deep, '$.rules[0].criteria.clauses[1].colour', /unknown key "colour"/)
})

t.test('a missing required field', async (t) => {
  const doc = minimalRuleSet()
  delete doc.rules[1].evidenceGuidance
  expectProblem(t, doc, '$.rules[1].evidenceGuidance', /expected string/)
})

t.test('a wrong value type and an unknown enum value', async (t) => {
  const priority = minimalRuleSet()
  priority.rules[0].priority = 'urgent'
  expectProblem(t, priority, '$.rules[0].priority', /"high"\|"medium"\|"low"/)

  const date = minimalRuleSet()
  date.publishedOn = '2010-02-30'
  expectProblem(t, date, '$.publishedOn', /YYYY-MM-DD/)

  const appliesTo = minimalRuleSet()
  appliesTo.rules[0].appliesTo = ['council']
  expectProblem(t, appliesTo, '$.rules[0].appliesTo', /agency types/)

  const kind = minimalRuleSet()
  kind.rules[0].criteria.kind = 'threshold'
  expectProblem(t, kind, '$.rules[0].criteria.kind', /compare.*variance.*firstMatch/)
})

t.test('duplicate ids of rules, themes and facts', async (t) => {
  const rules = minimalRuleSet()
  rules.rules[1].id = 'R1'
  expectProblem(t, rules, '$.rules[1].id', /duplicate rule id "R1" \(first declared at \$\.rules\[0\]\)/)

  const themes = minimalRuleSet()
  themes.themes.push({ id: 'GOV', title: 'Again' })
  expectProblem(t, themes, '$.themes[1].id', /duplicate theme id "GOV"/)

  const facts = minimalRuleSet()
  facts.facts.push({ id: 'chair', label: 'Chair again', type: 'boolean' })
  expectProblem(t, facts, '$.facts[4].id', /duplicate fact id "chair"/)
})

t.test('a theme that is not declared', async (t) => {
  const doc = minimalRuleSet()
  doc.rules[1].theme = 'PERF'
  expectProblem(t, doc, '$.rules[1].theme', /theme "PERF" is not declared/)
})

t.test('criteria naming an undeclared fact', async (t) => {
  const clause = minimalRuleSet()
  clause.rules[0].criteria.clauses[0].fact = 'lay_member_total'
  expectProblem(t, clause, '$.rules[0].criteria.clauses[0].fact', /fact "lay_member_total" is not declared/)

  const compare = minimalRuleSet()
  compare.rules[1].criteria.fact = 'nothing'
  expectProblem(t, compare, '$.rules[1].criteria.fact', /fact "nothing" is not declared/)
})

t.test("an operator that does not fit the fact's type", async (t) => {
  const within = minimalRuleSet()
  within.rules[0].criteria.clauses[0] = { fact: 'chair', op: 'withinMonths', value: 12, rag: 'green' }
  expectProblem(t, within, '$.rules[0].criteria.clauses[0].op', /"withinMonths" cannot be used on text fact "chair"/)

  const gte = minimalRuleSet()
  gte.rules[0].criteria.clauses[0] = { fact: 'chair', op: 'gte', value: 'independent', rag: 'green' }
  expectProblem(t, gte, '$.rules[0].criteria.clauses[0].op', /"gte" cannot be used on text/)

  const compareOnText = minimalRuleSet()
  compareOnText.rules[1].criteria.fact = 'chair'
  expectProblem(t, compareOnText, '$.rules[1].criteria.fact', /need a number, percent or count fact/)
})

t.test("a clause value that does not fit the fact", async (t) => {
  const notAllowed = minimalRuleSet()
  notAllowed.rules[0].criteria.clauses[0] = { fact: 'chair', op: 'eq', value: 'interim', rag: 'amber' }
  expectProblem(t, notAllowed, '$.rules[0].criteria.clauses[0].value', /"interim" is not one of the allowed values/)

  const months = minimalRuleSet()
  months.rules[0].criteria.clauses[0] = { fact: 'audit_on', op: 'withinMonths', value: 1.5, rag: 'green' }
  expectProblem(t, months, '$.rules[0].criteria.clauses[0].value', /whole number of months/)

  const inNeedsList = minimalRuleSet()
  inNeedsList.rules[0].criteria.clauses[0] = { fact: 'chair', op: 'in', value: 'independent', rag: 'green' }
  expectProblem(t, inNeedsList, '$.rules[0].criteria.clauses[0].value', /needs a list/)
})

t.test("a direction that contradicts the fact's polarity", async (t) => {
  const doc = minimalRuleSet()
  doc.rules[1].criteria.direction = 'lower_is_better'
  expectProblem(t, doc, '$.rules[1].criteria.direction', /contradicts the polarity higher_is_better/)
})

t.test('a default target on a rule whose criteria do not read one', async (t) => {
  const doc = minimalRuleSet()
  doc.rules[0].defaultTarget = 2
  expectProblem(t, doc, '$.rules[0].defaultTarget', /only read by compare criteria/)
})

t.test('mappings and supersedes to rules that do not exist', async (t) => {
  const doc = minimalRuleSet()
  doc.rules[0].mappings = [{ setId: 'test-set', ruleId: 'R9', relationship: 'equal' }]
  expectProblem(t, doc, '$.rules[0].mappings[0]', /rule "R9" does not exist in rule set "test-set"/)

  const other = minimalRuleSet()
  other.rules[0].supersedes = [{ setId: 'old-set', ruleId: 'R1' }]
  expectProblem(t, other, '$.rules[0].supersedes[0]', /rule set "old-set" is not loaded/)
})

t.test('checks across files: a mapping resolves into another file, ids and shared facts must agree', async (t) => {
  const a = minimalRuleSet()
  const b = minimalRuleSet()
  b.id = 'other-set'
  b.rules[0].mappings = [{ setId: 'test-set', ruleId: 'R1', relationship: 'equal' }]
  const [fa, fb] = writeTempJson({ 'a.json': a, 'b.json': b })
  t.same(loadRuleSets([fa as string, fb as string]).problems, [], 'a mapping into another loaded set resolves')

  b.facts[0].type = 'number'
  const [fa2, fb2] = writeTempJson({ 'a.json': a, 'b.json': b })
  const shared = loadRuleSets([fa2 as string, fb2 as string]).problems
  t.equal(shared.length, 1)
  t.equal(shared[0]?.file, fb2)
  t.equal(shared[0]?.path, '$.facts[0]')
  t.match(shared[0]?.message, /fact "lay_members" is declared in .*a\.json with another type/)

  const [fa3, fb3] = writeTempJson({ 'a.json': a, 'b.json': a })
  const dup = loadRuleSets([fa3 as string, fb3 as string]).problems
  t.equal(dup.length, 1)
  t.equal(dup[0]?.path, '$.id')
  t.match(dup[0]?.message, /rule set id "test-set" is already used by .*a\.json/)
})

t.test('every problem in a file is reported, not just the first', async (t) => {
  const doc = minimalRuleSet()
  doc.extra = true
  doc.rules[1].theme = 'NOPE'
  doc.rules[0].criteria.clauses[0].fact = 'missing_fact'
  const { problems } = loadOne(doc)
  // Shape problems are reported first; the checks that need a well-formed set follow once it parses.
  t.equal(problems.length, 1, 'an unknown key stops the semantic checks of that file')
  delete doc.extra
  const second = loadOne(doc).problems
  t.same(second.map((p) => p.path).sort(), ['$.rules[0].criteria.clauses[0].fact', '$.rules[1].theme'])
})

t.test('variance criteria need a signed percent fact', async (t) => {
  const doc = minimalRuleSet()
  doc.facts.push({ id: 'caf_vs_target', label: 'CAF against target', type: 'percent', polarity: 'higher_is_better' })
  doc.rules[1].criteria = { kind: 'variance', fact: 'caf_vs_target', direction: 'higher_is_better', greenWithin: 0, amberWithin: 10 }
  delete doc.rules[1].defaultTarget
  expectProblem(t, doc, '$.rules[1].criteria.fact', /declare fact "caf_vs_target" as a percent with "signed": true/)
  doc.facts[4].signed = true
  t.same(loadOne(doc).problems, [], 'loads once the fact is declared signed')
})
