import Fastify, { type FastifyInstance } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Config } from './config.js'
import { paths } from './paths.js'
import auth from './plugins/auth.js'
import database from './plugins/database.js'
import { registerErrorHandling } from './plugins/errors.js'
import ruleSets from './plugins/rule-sets.js'
import swagger from './plugins/swagger.js'
import views from './plugins/views.js'
import actions from './routes/api/actions/index.js'
import agencies from './routes/api/agencies/index.js'
import audit from './routes/api/audit/index.js'
import cycles from './routes/api/cycles/index.js'
import records from './routes/api/records/index.js'
import results from './routes/api/results/index.js'
import ruleSetRoutes from './routes/api/rule-sets/index.js'
import tokens from './routes/api/tokens/index.js'
import users from './routes/api/users/index.js'
import home from './routes/home/index.js'

export interface AppOptions {
  config: Pick<Config, 'DB_PATH' | 'TOKEN_TTL_HOURS' | 'LOG_LEVEL'>
  rulesDir?: string
  /** Bodies above this many bytes get 413. */
  bodyLimit?: number
}

/** Builds the server: infrastructure plugins first, then the routes. Call `listen` to serve. */
export async function buildApp (options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.config.LOG_LEVEL === 'silent' ? false : { level: options.config.LOG_LEVEL },
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    routerOptions: { ignoreTrailingSlash: true }
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  registerErrorHandling(app)

  await app.register(database, { file: options.config.DB_PATH })
  await app.register(ruleSets, { dir: options.rulesDir ?? paths.rules })
  await app.register(rateLimit, { global: false })
  await app.register(swagger)
  await app.register(views)
  await app.register(auth)

  app.get('/health', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok', ruleSets: app.catalog.sets.length }))
  await app.register(home)
  await app.register(tokens, { tokenTtlHours: options.config.TOKEN_TTL_HOURS })
  await app.register(users)
  await app.register(ruleSetRoutes)
  await app.register(agencies)
  await app.register(cycles)
  await app.register(records)
  await app.register(actions)
  await app.register(results)
  await app.register(audit)
  return app
}
