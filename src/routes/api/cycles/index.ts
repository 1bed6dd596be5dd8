import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ADMIN, ANY_ROLE } from '../../../auth/policy.js'
import { badRequest } from '../../../errors.js'
import { actorOf } from '../../../plugins/auth.js'
import { getAgency } from '../../../repositories/agencies.js'
import { createCycle, listCycles, setCycleStatus } from '../../../repositories/cycles.js'
import { findCycle } from '../lookups.js'
import { CycleParams, Id, IsoDate, ShortText } from '../schemas.js'

const CreateCycleBody = z.strictObject({
  name: ShortText,
  ruleSets: z.array(z.string().min(1)).min(1, 'must name at least one rule set'),
  startsOn: IsoDate,
  endsOn: IsoDate,
  referenceDate: IsoDate.optional(),
  agencyIds: z.array(Id).min(1).optional().describe('the agencies taking part; every agency when left out')
})

const cycles: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/cycles', {
    config: { access: ADMIN },
    schema: { tags: ['cycles'], summary: 'Open a reporting cycle (admin)', body: CreateCycleBody }
  }, async (request, reply) => {
    const body = request.body
    const details = [
      ...body.ruleSets.flatMap((id, i) => app.catalog.get(id) ? [] : [{ field: `body.ruleSets.${i}`, message: `"${id}" is not a loaded rule set` }]),
      ...(body.endsOn < body.startsOn ? [{ field: 'body.endsOn', message: 'must not be before startsOn' }] : []),
      ...(body.agencyIds ?? []).flatMap((id, i) => getAgency(app.db, id) ? [] : [{ field: `body.agencyIds.${i}`, message: `agency ${id} does not exist` }])
    ]
    if (new Set(body.ruleSets).size !== body.ruleSets.length) details.push({ field: 'body.ruleSets', message: 'names a rule set twice' })
    if (details.length > 0) throw badRequest('The cycle cannot be created as given.', details)
    const cycle = createCycle(app.db, actorOf(request), {
      name: body.name,
      ruleSets: body.ruleSets,
      agencyIds: body.agencyIds ?? null,
      startsOn: body.startsOn,
      endsOn: body.endsOn,
      referenceDate: body.referenceDate ?? body.endsOn
    })
    return reply.code(201).send(cycle)
  })

  app.get('/api/cycles', {
    config: { access: ANY_ROLE },
    schema: { tags: ['cycles'], summary: 'Reporting cycles' }
  }, async () => listCycles(app.db))

  app.get('/api/cycles/:cycleId', {
    config: { access: ANY_ROLE },
    schema: { tags: ['cycles'], summary: 'One cycle', params: CycleParams }
  }, async (request) => findCycle(app, request.params.cycleId))

  app.patch('/api/cycles/:cycleId', {
    config: { access: ADMIN },
    schema: { tags: ['cycles'], summary: 'Close or reopen a cycle (admin)', params: CycleParams, body: z.strictObject({ status: z.enum(['open', 'closed']) }) }
  }, async (request) => {
    findCycle(app, request.params.cycleId)
    return setCycleStatus(app.db, actorOf(request), request.params.cycleId, request.body.status)
  })
}

export default cycles
