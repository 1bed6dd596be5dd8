import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ANY_ROLE, visibleAgencyIds } from '../../../auth/policy.js'
import { buildActionPlan } from '../../../engine/analysis.js'
import { todayIso } from '../../../engine/dates.js'
import { userOf } from '../../../plugins/auth.js'
import { analyseCycle, cycleAgencies } from '../../../services/results.js'
import { findCycle, findParticipant } from '../lookups.js'
import { CycleParams, ResultsQuery } from '../schemas.js'

// Gap analysis, the board's matrix and the action plan: the engine over what is stored.

function analyse (app: FastifyInstance, request: FastifyRequest, cycleId: number, agency: number | undefined) {
  const cycle = agency === undefined ? findCycle(app, cycleId) : findParticipant(app, cycleId, agency).cycle
  const agencies = cycleAgencies(app.db, cycle, visibleAgencyIds(userOf(request), agency))
  return { cycle, agencies, analysis: analyseCycle(app.db, app.catalog, cycle, agencies) }
}

const results: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/cycles/:cycleId/gaps', {
    config: { access: ANY_ROLE },
    schema: { tags: ['results'], summary: 'Ranked gaps with the reasons and actions for each', params: CycleParams, querystring: ResultsQuery }
  }, async (request) => {
    const { agency, asOf = todayIso() } = request.query
    const { analysis } = analyse(app, request, request.params.cycleId, agency)
    const plan = buildActionPlan(analysis.gaps, analysis.actions, asOf)
    const actionsOf = new Map(plan.items.map((i) => [`${i.agencyId}|${i.setId}/${i.ruleId}`, i.actions]))
    return {
      cycleId: request.params.cycleId,
      agencyId: agency ?? null,
      asOf,
      summary: analysis.summary,
      byAgency: analysis.agencies.map((a) => ({ agencyId: a.agencyId, summary: a.summary })),
      byTheme: analysis.byTheme,
      gaps: analysis.gaps.map(({ order: _order, applicable: _applicable, notApplicableReason: _na, ...gap }) => ({
        ...gap,
        actions: actionsOf.get(`${gap.agencyId}|${gap.setId}/${gap.ruleId}`) ?? []
      }))
    }
  })

  app.get('/api/cycles/:cycleId/matrix', {
    config: { access: ANY_ROLE },
    schema: { tags: ['results'], summary: 'Agencies × rules with the effective RAG of each cell, and the scores', params: CycleParams }
  }, async (request) => {
    const { cycle, agencies, analysis } = analyse(app, request, request.params.cycleId, undefined)
    const summaries = new Map(analysis.agencies.map((a) => [a.agencyId, a.summary]))
    return {
      cycleId: cycle.id,
      agencies: agencies.map((a) => ({ ...a, summary: summaries.get(a.id) })),
      rules: app.catalog.setsOf(cycle.ruleSets).flatMap((s) => s.rules.map((r) => ({ setId: s.id, ruleId: r.id, title: r.title, theme: r.theme, priority: r.priority }))),
      cells: analysis.cells,
      summary: analysis.summary,
      byTheme: analysis.byTheme
    }
  })

  app.get('/api/cycles/:cycleId/action-plan', {
    config: { access: ANY_ROLE },
    schema: { tags: ['results'], summary: 'Each gap with its actions; overdue judged against asOf (default today)', params: CycleParams, querystring: ResultsQuery }
  }, async (request) => {
    const { agency, asOf = todayIso() } = request.query
    const { analysis } = analyse(app, request, request.params.cycleId, agency)
    return { cycleId: request.params.cycleId, agencyId: agency ?? null, asOf, ...buildActionPlan(analysis.gaps, analysis.actions, asOf) }
  })
}

export default results
