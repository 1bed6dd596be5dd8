import type { FastifyPluginAsync } from 'fastify'

const home: FastifyPluginAsync = async (app) => {
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    return reply.viewAsync('home', {
      title: 'Safeguarding compliance',
      ruleSets: app.catalog.sets.map((s) => ({ id: s.id, title: s.title, rules: s.rules.length }))
    })
  })
}

export default home
