import type { FastifyInstance } from 'fastify'
import { hashPassword } from './auth/passwords.js'
import type { Config } from './config.js'
import { loadDemo, type DemoUser } from './demo/load.js'
import { listAgencies } from './repositories/agencies.js'
import { countUsers, createUser } from './repositories/users.js'

export interface StartupReport {
  adminCreated: string | null
  demoUsers: DemoUser[]
}

/** First-start work: the demo partnership on an empty database, and the first admin. */
export async function bootstrap (app: FastifyInstance, config: Config): Promise<StartupReport> {
  const report: StartupReport = { adminCreated: null, demoUsers: [] }
  const demoWanted = config.DEMO_DATA === 'on' || (config.DEMO_DATA === 'auto' && config.NODE_ENV !== 'production')
  const empty = listAgencies(app.db).length === 0 && countUsers(app.db) === 0
  if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD && countUsers(app.db) === 0) {
    createUser(app.db, null, { email: config.ADMIN_EMAIL, name: 'Administrator', role: 'admin', agencyId: null, passwordHash: await hashPassword(config.ADMIN_PASSWORD) })
    report.adminCreated = config.ADMIN_EMAIL
  }
  if (demoWanted && empty) report.demoUsers = (await loadDemo(app.db, app.catalog)).users
  return report
}

export function describeStartup (report: StartupReport): string[] {
  const lines: string[] = []
  if (report.adminCreated) lines.push(`Created the first admin: ${report.adminCreated}`)
  if (report.demoUsers.length > 0) {
    lines.push('Loaded the demo partnership (five council reports, 2009-2014). Demo users; the passwords are shown only now:')
    for (const u of report.demoUsers) lines.push(`  ${u.role.padEnd(8)} ${u.email.padEnd(24)} ${u.password}${u.agency ? `  (${u.agency})` : ''}`)
  }
  return lines
}
