import { join } from 'node:path'
import { z } from 'zod'
import { paths } from './paths.js'

const flag = z.enum(['auto', 'on', 'off'])

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0).max(65535, 'must be at most 65535').default(3000),
  DB_PATH: z.string().min(1).default(join(paths.data, 'safeguarding.sqlite')),
  ADMIN_EMAIL: z.email('must be an email address').optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  TOKEN_TTL_HOURS: z.coerce.number({ error: 'must be a number' }).positive('must be above 0').max(24 * 365).default(24),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // auto: load the demo partnership into an empty database, except in production.
  DEMO_DATA: flag.default('auto')
}).refine((env) => (env.ADMIN_EMAIL === undefined) === (env.ADMIN_PASSWORD === undefined), {
  message: 'ADMIN_EMAIL and ADMIN_PASSWORD must be given together',
  path: ['ADMIN_PASSWORD']
})

export type Config = z.infer<typeof Env>

export class ConfigError extends Error {
  constructor (messages: string[]) {
    super(`Invalid configuration:\n${messages.map((m) => `  ${m}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/** Reads the configuration from environment variables; every bad value is named. */
export function loadConfig (env: NodeJS.ProcessEnv = process.env): Config {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''))
  const result = Env.safeParse(input)
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message} (got ${JSON.stringify(input[String(i.path[0])] ?? null)})`))
  }
  return result.data
}
