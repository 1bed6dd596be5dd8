import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ANY_ROLE, RECORDERS, assertCanWriteAgency, visibleAgencyIds } from '../../../auth/policy.js'
import { ACTION_STATUSES } from '../../../engine/types.js'
import { badRequest, notFound } from '../../../errors.js'
import { actorOf, userOf } from '../../../plugins/auth.js'
import { createAction, getAction, listActions, updateAction } from '../../../repositories/actions.js'
import { assertOpen, cycleRule, findCycle, findWritableParticipant } from '../lookups.js'
import { CycleParams, Id, IsoDate, LongText, ResultsQuery, RuleRefSchema, ShortText } from '../schemas.js'

const Status = z.enum(ACTION_STATUSES)

const CreateActionBody = z.strictObject({
  agencyId: Id,
  rules: z.array(RuleRefSchema).max(200),
  title: ShortText,
  owner: ShortText,
  dueOn: IsoDate,
  successMeasure: LongText,
  status: Status.optional()
})

const PatchActionBody = z.strictObject({
  status: Status.optional(),
  progressNote: LongText.optional(),
  dueOn: IsoDate.optional(),
  owner: ShortText.optional(),
  title: ShortText.optional(),
  successMeasure: LongText.optional(),
  version: z.number().int().min(1).optional()
}).refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'must change at least one field' })

const actions: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/cycles/:cycleId/actions', {
    config: { access: RECORDERS },
    schema: { tags: ['actions'], summary: 'Plan an action addressing one or more rules', params: CycleParams, body: CreateActionBody }
  }, async (request, reply) => {
    const { cycle } = findWritableParticipant(app, userOf(request), request.params.cycleId, request.body.agencyId)
    const details = request.body.rules.flatMap((r, i) =>
      cycleRule(app, cycle, r.setId, r.ruleId) ? [] : [{ field: `body.rules.${i}`, message: `rule ${r.setId}/${r.ruleId} is not in this cycle` }])
    if (details.length > 0) throw badRequest('The action names rules outside the cycle.', details)
    const unique = [...new Map(request.body.rules.map((r) => [`${r.setId}/${r.ruleId}`, r])).values()]
    const action = createAction(app.db, actorOf(request), { ...request.body, rules: unique, cycleId: cycle.id, status: request.body.status ?? 'planned' })
    return reply.code(201).send(action)
  })

  app.get('/api/cycles/:cycleId/actions', {
    config: { access: ANY_ROLE },
    schema: { tags: ['actions'], summary: 'Actions of a cycle (a lead sees its own)', params: CycleParams, querystring: ResultsQuery.pick({ agency: true }) }
  }, async (request) => {
    findCycle(app, request.params.cycleId)
    return listActions(app.db, request.params.cycleId, visibleAgencyIds(userOf(request), request.query.agency))
  })

  app.get('/api/actions/:id', {
    config: { access: ANY_ROLE },
    schema: { tags: ['actions'], summary: 'One action with its rules and progress notes', params: z.strictObject({ id: Id }) }
  }, async (request) => {
    const action = getAction(app.db, request.params.id)
    if (!action) throw notFound(`Action ${request.params.id}`)
    visibleAgencyIds(userOf(request), action.agencyId)
    return action
  })

  app.patch('/api/actions/:id', {
    config: { access: RECORDERS },
    schema: { tags: ['actions'], summary: 'Update status, due date or owner, or add a progress note', params: z.strictObject({ id: Id }), body: PatchActionBody }
  }, async (request) => {
    const action = getAction(app.db, request.params.id)
    if (!action) throw notFound(`Action ${request.params.id}`)
    assertCanWriteAgency(userOf(request), action.agencyId)
    assertOpen(findCycle(app, action.cycleId))
    return updateAction(app.db, actorOf(request), action.id, request.body)
  })
}

export default actions
