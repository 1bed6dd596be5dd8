import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ADMIN, ANY_ROLE, assertCanReadAgency } from '../../../auth/policy.js'
import { conflict } from '../../../errors.js'
import { actorOf, userOf } from '../../../plugins/auth.js'
import { createAgency, findAgencyByName, listAgencies } from '../../../repositories/agencies.js'
import { findAgency } from '../lookups.js'
import { AgencyTypeSchema, Id, ShortText } from '../schemas.js'

const agencies: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/agencies', {
    config: { access: ADMIN },
    schema: { tags: ['agencies'], summary: 'Add a partner agency (admin)', body: z.strictObject({ name: ShortText, type: AgencyTypeSchema }) }
  }, async (request, reply) => {
    if (findAgencyByName(app.db, request.body.name)) throw conflict(`An agency named "${request.body.name}" already exists.`)
    return reply.code(201).send(createAgency(app.db, actorOf(request), request.body))
  })

  app.get('/api/agencies', {
    config: { access: ANY_ROLE },
    schema: { tags: ['agencies'], summary: 'Partner agencies (a lead sees its own)' }
  }, async (request) => {
    const user = userOf(request)
    return listAgencies(app.db).filter((a) => user.role !== 'lead' || a.id === user.agencyId)
  })

  app.get('/api/agencies/:agencyId', {
    config: { access: ANY_ROLE },
    schema: { tags: ['agencies'], summary: 'One agency', params: z.strictObject({ agencyId: Id }) }
  }, async (request) => {
    assertCanReadAgency(userOf(request), request.params.agencyId)
    return findAgency(app, request.params.agencyId)
  })
}

export default agencies
