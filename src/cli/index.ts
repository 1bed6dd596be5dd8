import { parseArgs } from 'node:util'
import { hashPassword, randomPassword } from '../auth/passwords.js'
import { describeStartup } from '../bootstrap.js'
import { ConfigError, loadConfig } from '../config.js'
import { backupDatabase, openDatabase, type DatabaseHandle } from '../db/client.js'
import { ROLES, type Role } from '../db/schema.js'
import { loadDemo } from '../demo/load.js'
import { getAgency } from '../repositories/agencies.js'
import { listAudit } from '../repositories/audit.js'
import { createUser, findUserByEmail, revokeTokens } from '../repositories/users.js'
import { paths } from '../paths.js'
import { RuleCatalog } from '../rules/catalog.js'
import { RuleSetsInvalidError, loadRuleSetsOrThrow, ruleSetFiles } from '../rules/loader.js'
import { validateRules } from './rules.js'

const USAGE = `Usage: npm run cli -- <command>

Commands:
  migrate                          create or upgrade the database at DB_PATH
  rules validate [FILE...]         check rule-set files (default: every set in rules/)
  demo                             load the demo partnership and print its users' passwords
  user add EMAIL NAME ROLE [--agency ID] [--password PW]
                                   add a user (ROLE: ${ROLES.join(', ')}); a password is generated when none is given
  token revoke EMAIL               revoke every API token of a user
  backup FILE                      copy the database while the server runs (SQLite online backup)
  audit [--limit N] [--entity E]   print recent audit entries, newest first`

class UsageError extends Error {}

function withDatabase<T> (fn: (database: DatabaseHandle) => T | Promise<T>): Promise<T> {
  const database = openDatabase(loadConfig().DB_PATH)
  return Promise.resolve(fn(database)).finally(() => { database.close() })
}

async function userAdd (args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { agency: { type: 'string' }, password: { type: 'string' } } })
  const [email, name, role] = positionals
  if (!email || !name || !role) throw new UsageError('user add needs EMAIL NAME ROLE')
  if (!ROLES.includes(role as Role)) throw new UsageError(`ROLE must be one of ${ROLES.join(', ')}`)
  const agencyId = values.agency === undefined ? null : Number(values.agency)
  if (role === 'lead' && agencyId === null) throw new UsageError('a lead needs --agency ID')
  const password = values.password ?? randomPassword()
  if (password.length < 12) throw new UsageError('the password must be at least 12 characters')
  return withDatabase(async ({ db }) => {
    if (agencyId !== null && !getAgency(db, agencyId)) throw new UsageError(`agency ${String(values.agency)} does not exist`)
    if (findUserByEmail(db, email)) throw new UsageError(`a user with the email ${email} already exists`)
    const user = createUser(db, null, { email, name, role: role as Role, agencyId, passwordHash: await hashPassword(password) })
    console.log(`Added ${user.role} ${user.email} (id ${user.id})${values.password ? '' : ` with the password ${password}`}`)
    return 0
  })
}

async function run (argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv
  switch (command) {
    case undefined: case 'help': case '--help':
      console.log(USAGE)
      return 0
    case 'migrate':
      return withDatabase(() => { console.log(`Database ready at ${loadConfig().DB_PATH}`); return 0 })
    case 'rules':
      if (sub === 'validate') return validateRules(rest, console.log)
      break
    case 'demo':
      return withDatabase(async ({ db }) => {
        const catalog = new RuleCatalog(loadRuleSetsOrThrow(ruleSetFiles(paths.rules)))
        const { users } = await loadDemo(db, catalog)
        for (const line of describeStartup({ adminCreated: null, demoUsers: users })) console.log(line)
        return 0
      })
    case 'user':
      if (sub === 'add') return userAdd(rest)
      break
    case 'token':
      if (sub === 'revoke' && rest[0]) {
        const email = rest[0]
        return withDatabase(({ db }) => {
          const user = findUserByEmail(db, email)
          if (!user) throw new UsageError(`no user has the email ${email}`)
          console.log(`Revoked ${revokeTokens(db, null, { userId: user.id })} token(s) of ${user.email}`)
          return 0
        })
      }
      break
    case 'backup':
      if (sub) {
        const file = sub
        return withDatabase(async ({ sqlite }) => { await backupDatabase(sqlite, file); console.log(`Backed up to ${file}`); return 0 })
      }
      break
    case 'audit': {
      const { values } = parseArgs({ args: [sub, ...rest].filter((a): a is string => a !== undefined), options: { limit: { type: 'string' }, entity: { type: 'string' } } })
      return withDatabase(({ db }) => {
        for (const e of listAudit(db, { limit: Number(values.limit ?? 20), entity: values.entity }).reverse()) {
          console.log(`${e.at}  user ${e.userId ?? 'system'}  ${e.action} ${e.entity} ${e.entityId}  before ${JSON.stringify(e.before)}  after ${JSON.stringify(e.after)}`)
        }
        return 0
      })
    }
  }
  throw new UsageError(`unknown command: ${argv.join(' ')}`)
}

run(process.argv.slice(2)).then((code) => { process.exitCode = code }, (err: unknown) => {
  if (err instanceof UsageError) console.error(`${err.message}\n\n${USAGE}`)
  else if (err instanceof ConfigError || err instanceof RuleSetsInvalidError) console.error(err.message)
  else console.error(err instanceof Error ? err.message : err)
  process.exitCode = err instanceof UsageError ? 2 : 1
})
