import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ANY_ROLE } from '../../../auth/policy.js'
import { notFound } from '../../../errors.js'

const ruleSets: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/rule-sets', {
    config: { access: ANY_ROLE },
    schema: { tags: ['rule sets'], summary: 'The loaded rule sets' }
  }, async () => app.catalog.sets.map((s) => ({
    id: s.id,
    title: s.title,
    version: s.version,
    publisher: s.publisher,
    publishedOn: s.publishedOn,
    ruleCount: s.rules.length
  })))

  app.get('/api/rule-sets/:setId', {
    config: { access: ANY_ROLE },
    schema: { tags: ['rule sets'], summary: 'One rule set with its themes, facts and rules', params: z.strictObject({ setId: z.string().min(1) }) }
  }, async (request) => {
    const set = app.catalog.get(request.params.setId)
    if (!set) throw notFound(`Rule set ${request.params.setId}`)
    const { file: _file, $schema: _schema, ...rest } = set
    return rest
  })
}

export default ruleSets
