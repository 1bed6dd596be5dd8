import { spawnSync } from 'node:child_process'
import { mkdtempSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { bootstrap } from '../../src/bootstrap.js'
import { ConfigError, loadConfig } from '../../src/config.js'
import { RuleSetsInvalidError } from '../../src/rules/loader.js'
import { projectRoot } from '../../src/paths.js'
import { minimalRuleSet, writeTempJson } from '../helpers/rules.js'

t.test('configuration: defaults, and a clear message naming each bad value', async (t) => {
  const config = loadConfig({})
  t.match(config, { HOST: '127.0.0.1', PORT: 3000, DEMO_DATA: 'auto', NODE_ENV: 'development' })
  t.match(config.DB_PATH, /data/)
  t.throws(() => loadConfig({ PORT: 'abc', ADMIN_EMAIL: 'nope', LOG_LEVEL: 'loud' }), ConfigError)
  try {
    loadConfig({ PORT: '70000', ADMIN_EMAIL: 'admin@example.org' })
  } catch (err) {
    t.match((err as Error).message, /PORT: must be at most 65535 \(got "70000"\)/)
    t.match((err as Error).message, /ADMIN_PASSWORD: ADMIN_EMAIL and ADMIN_PASSWORD must be given together/)
  }
})

t.test('a broken rule set stops the server with the loader\'s messages', async (t) => {
  const broken = minimalRuleSet()
  broken.rules[0].theme = 'NOPE'
  const [file] = writeTempJson({ 'broken.json': broken })
  const dir = join(file as string, '..')
  await t.rejects(buildApp({ config: { DB_PATH: ':memory:', TOKEN_TTL_HOURS: 1, LOG_LEVEL: 'silent' }, rulesDir: dir }), RuleSetsInvalidError)
  try {
    await buildApp({ config: { DB_PATH: ':memory:', TOKEN_TTL_HOURS: 1, LOG_LEVEL: 'silent' }, rulesDir: dir })
  } catch (err) {
    t.match((err as Error).message, /broken\.json: \$\.rules\[0\]\.theme: theme "NOPE" is not declared/)
  }
})

t.test('first start: the admin from the environment, and the demo partnership on an empty database', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'start-'))
  const config = loadConfig({ DB_PATH: join(dir, 'db.sqlite'), ADMIN_EMAIL: 'chief@example.org', ADMIN_PASSWORD: 'a long admin password', LOG_LEVEL: 'silent' })
  const app = await buildApp({ config })
  t.teardown(() => app.close())
  const report = await bootstrap(app, config)
  t.equal(report.adminCreated, 'chief@example.org')
  t.same(report.demoUsers.map((u) => u.role), ['admin', 'lead', 'auditor', 'board'])
  const token = await app.inject({ method: 'POST', url: '/api/tokens', payload: { email: 'chief@example.org', password: 'a long admin password' } })
  t.equal(token.statusCode, 201)
  const auth = { authorization: `Bearer ${token.json().token}` }
  const cycles = (await app.inject({ url: '/api/cycles', headers: auth })).json()
  t.equal(cycles.length, 5, 'one cycle per seed report')
  const derby = cycles.find((c: { name: string }) => /Derby/.test(c.name))
  const gaps = (await app.inject({ url: `/api/cycles/${derby.id}/gaps?asOf=${derby.referenceDate}`, headers: auth })).json()
  t.equal(gaps.summary.red, 4, "Derby's four red ratings are there at once")
  const lead = report.demoUsers.find((u) => u.role === 'lead')!
  const leadToken = (await app.inject({ method: 'POST', url: '/api/tokens', payload: { email: lead.email, password: lead.password } })).json().token
  const seen = (await app.inject({ url: '/api/agencies', headers: { authorization: `Bearer ${leadToken}` } })).json()
  t.match(seen, [{ name: /Derby/ }], 'the demo lead reports for Derby')

  const again = await bootstrap(app, config)
  t.same(again, { adminCreated: null, demoUsers: [] }, 'a second start changes nothing')
  t.ok(existsSync(join(dir, 'db.sqlite')))
})

t.test('in production the demo stays out unless asked for', async (t) => {
  const config = loadConfig({ DB_PATH: ':memory:', NODE_ENV: 'production', LOG_LEVEL: 'silent' })
  const app = await buildApp({ config })
  t.teardown(() => app.close())
  t.same((await bootstrap(app, config)).demoUsers, [])
})

t.test('the CLI manages users, tokens, backups and reads the audit log', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-'))
  const env = { ...process.env, DB_PATH: join(dir, 'db.sqlite') }
  const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { cwd: projectRoot, env, encoding: 'utf8' })
  t.equal(cli('migrate').status, 0)
  const added = cli('user', 'add', 'ops@example.org', 'Ops Person', 'admin', '--password', 'a long ops password')
  t.equal(added.status, 0, added.stderr)
  t.match(added.stdout, /Added admin ops@example.org/)
  const dup = cli('user', 'add', 'ops@example.org', 'Ops Person', 'admin')
  t.equal(dup.status, 2)
  t.match(dup.stderr, /already exists/)
  t.match(cli('user', 'add', 'x@example.org', 'X', 'lead').stderr, /a lead needs --agency/)
  t.match(cli('token', 'revoke', 'ops@example.org').stdout, /Revoked 0 token/)
  const backup = join(dir, 'copy.sqlite')
  t.equal(cli('backup', backup).status, 0)
  t.ok(existsSync(backup), 'the backup file is written')
  const audit = cli('audit', '--limit', '5')
  t.match(audit.stdout, /create user 1 .*ops@example\.org/)
  t.equal(cli('frobnicate').status, 2)
})
