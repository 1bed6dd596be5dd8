import fp from 'fastify-plugin'
import { RuleCatalog } from '../rules/catalog.js'
import { loadRuleSetsOrThrow, ruleSetFiles } from '../rules/loader.js'

declare module 'fastify' {
  interface FastifyInstance {
    catalog: RuleCatalog
  }
}

export interface RuleSetsOptions {
  dir: string
}

/** Loads every rule set in the folder; a broken one stops the server with the loader's messages. */
export default fp<RuleSetsOptions>(async (app, opts) => {
  app.decorate('catalog', new RuleCatalog(loadRuleSetsOrThrow(ruleSetFiles(opts.dir))))
}, { name: 'rule-sets' })
