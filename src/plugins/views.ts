import fp from 'fastify-plugin'
import view from '@fastify/view'
import { Eta } from 'eta'
import { paths } from '../paths.js'

/** Server-rendered pages: eta templates from views/, escaped by default, no "undefined" printed. */
export default fp(async (app) => {
  const eta = new Eta({
    views: paths.views,
    autoEscape: true,
    autoFilter: true,
    filterFunction: (v: unknown) => (v == null ? '' : String(v)),
    cache: process.env.NODE_ENV === 'production'
  })
  await app.register(view, { engine: { eta }, root: paths.views, viewExt: 'eta' })
}, { name: 'views' })
