import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ANY_ROLE, RECORDERS, REVIEWERS, assertCanReadAgency, assertCanReview } from '../../../auth/policy.js'
import { badRequest, conflict, type FieldProblem } from '../../../errors.js'
import { actorOf, userOf } from '../../../plugins/auth.js'
import { getUser } from '../../../repositories/users.js'
import {
  addEvidence, addReview, getAssessment, getFacts, getTargets, listEvidence, putAssessment, putFacts, putTargets,
  type Assessment
} from '../../../repositories/records.js'
import { factValuesProblems } from '../../../rules/facts.js'
import { assertOpen, cycleRule, findCycleRule, findParticipant, findWritableParticipant } from '../lookups.js'
import { CycleAgencyParams, LongText, RagSchema, RuleParams, ShortText } from '../schemas.js'

// What a lead records for its agency in a cycle, and the auditor's review of it.

const FactsBody = z.strictObject({
  values: z.record(z.string(), z.union([z.boolean(), z.number(), z.string(), z.null()]))
})

const TargetsBody = z.strictObject({
  targets: z.array(z.strictObject({ setId: z.string().min(1), ruleId: z.string().min(1), value: z.number().nullable() })).max(1000)
})

const AssessmentBody = z.strictObject({
  rag: z.enum(['red', 'amber', 'green', 'na']),
  narrative: LongText.nullable().optional(),
  naReason: LongText.nullable().optional(),
  version: z.number().int().min(0).optional()
})

const EvidenceBody = z.strictObject({
  kind: z.enum(['link', 'note']),
  title: ShortText,
  url: z.url({ protocol: /^https?$/, error: 'must be an http or https address' }).max(2000).optional(),
  text: LongText.optional()
})

const ReviewBody = z.strictObject({
  decision: z.enum(['agree', 'challenge']),
  rag: RagSchema.optional(),
  comment: LongText.optional()
})

const records: FastifyPluginAsyncZod = async (app) => {
  const base = '/api/cycles/:cycleId/agencies/:agencyId'

  function forWriting (request: { params: { cycleId: number, agencyId: number } } & Parameters<typeof userOf>[0]) {
    return findWritableParticipant(app, userOf(request), request.params.cycleId, request.params.agencyId)
  }

  function forReading (request: { params: { cycleId: number, agencyId: number } } & Parameters<typeof userOf>[0]) {
    const found = findParticipant(app, request.params.cycleId, request.params.agencyId)
    assertCanReadAgency(userOf(request), request.params.agencyId)
    return found
  }

  function assessmentView (a: Assessment) {
    return { rag: a.rag, narrative: a.narrative, naReason: a.naReason, version: a.version, updatedAt: a.updatedAt, updatedBy: a.updatedBy === null ? null : getUser(app.db, a.updatedBy)?.email ?? null }
  }

  app.get(`${base}/facts`, {
    config: { access: ANY_ROLE },
    schema: { tags: ['records'], summary: "An agency's fact values in a cycle", params: CycleAgencyParams }
  }, async (request) => {
    forReading(request)
    return { values: getFacts(app.db, request.params) }
  })

  app.put(`${base}/facts`, {
    config: { access: RECORDERS },
    schema: { tags: ['records'], summary: 'Record fact values (null clears one)', params: CycleAgencyParams, body: FactsBody }
  }, async (request) => {
    const { cycle } = forWriting(request)
    const details = factValuesProblems(app.catalog.factsOf(cycle.ruleSets), request.body.values)
      .map((p) => ({ field: `body.values.${p.factId}`, message: p.message }))
    if (details.length > 0) throw badRequest('Some fact values cannot be recorded; nothing was saved.', details)
    return { values: putFacts(app.db, actorOf(request), request.params, request.body.values) }
  })

  app.get(`${base}/targets`, {
    config: { access: ANY_ROLE },
    schema: { tags: ['records'], summary: "An agency's local targets in a cycle", params: CycleAgencyParams }
  }, async (request) => {
    forReading(request)
    return { targets: getTargets(app.db, request.params) }
  })

  app.put(`${base}/targets`, {
    config: { access: RECORDERS },
    schema: { tags: ['records'], summary: "Set local targets that replace rules' default targets (null clears one)", params: CycleAgencyParams, body: TargetsBody }
  }, async (request) => {
    const { cycle } = forWriting(request)
    const details: FieldProblem[] = []
    request.body.targets.forEach((t, i) => {
      const rule = cycleRule(app, cycle, t.setId, t.ruleId)
      if (!rule) details.push({ field: `body.targets.${i}`, message: `rule ${t.setId}/${t.ruleId} is not in this cycle` })
      else if (rule.criteria?.kind !== 'compare') details.push({ field: `body.targets.${i}`, message: `rule ${t.setId}/${t.ruleId} is not measured against a target` })
    })
    if (details.length > 0) throw badRequest('Some targets cannot be set; nothing was saved.', details)
    return { targets: putTargets(app.db, actorOf(request), request.params, request.body.targets) }
  })

  app.get(`${base}/assessments/:setId/:ruleId`, {
    config: { access: ANY_ROLE },
    schema: { tags: ['records'], summary: 'A self-assessment with its evidence', params: RuleParams }
  }, async (request) => {
    const { cycle } = forReading(request)
    findCycleRule(app, cycle, request.params.setId, request.params.ruleId)
    const current = getAssessment(app.db, request.params)
    return { ...(current ? assessmentView(current) : { rag: null, narrative: null, naReason: null, version: 0, updatedAt: null, updatedBy: null }), evidence: listEvidence(app.db, request.params) }
  })

  app.put(`${base}/assessments/:setId/:ruleId`, {
    config: { access: RECORDERS },
    schema: { tags: ['records'], summary: 'Rate a rule (send the version you read; a stale one is refused with 409)', params: RuleParams, body: AssessmentBody }
  }, async (request) => {
    const { cycle } = forWriting(request)
    findCycleRule(app, cycle, request.params.setId, request.params.ruleId)
    const { rag, narrative, naReason, version } = request.body
    if (rag === 'na' && !naReason) throw badRequest('A rule marked not applicable needs a reason.', [{ field: 'body.naReason', message: 'is required when rag is "na"' }])
    const saved = putAssessment(app.db, actorOf(request), request.params, { rag, narrative: narrative ?? null, naReason: naReason ?? null, version })
    return assessmentView(saved)
  })

  app.post(`${base}/assessments/:setId/:ruleId/evidence`, {
    config: { access: RECORDERS },
    schema: { tags: ['records'], summary: 'Attach a link or a note as evidence', params: RuleParams, body: EvidenceBody }
  }, async (request, reply) => {
    const { cycle } = forWriting(request)
    findCycleRule(app, cycle, request.params.setId, request.params.ruleId)
    const { kind, title, url, text } = request.body
    if (kind === 'link' && !url) throw badRequest('A link needs its address.', [{ field: 'body.url', message: 'is required for a link' }])
    if (kind === 'note' && !text) throw badRequest('A note needs its text.', [{ field: 'body.text', message: 'is required for a note' }])
    const row = addEvidence(app.db, actorOf(request), request.params, { kind, title, url: url ?? null, text: text ?? null })
    return reply.code(201).send(row)
  })

  app.post(`${base}/assessments/:setId/:ruleId/review`, {
    config: { access: REVIEWERS },
    schema: { tags: ['reviews'], summary: 'Agree with or challenge a rating (auditor)', params: RuleParams, body: ReviewBody }
  }, async (request, reply) => {
    const { cycle } = findParticipant(app, request.params.cycleId, request.params.agencyId)
    assertCanReview(userOf(request), request.params.agencyId)
    assertOpen(cycle)
    findCycleRule(app, cycle, request.params.setId, request.params.ruleId)
    const { decision, rag, comment } = request.body
    if (decision === 'challenge') {
      const details: FieldProblem[] = []
      if (!rag) details.push({ field: 'body.rag', message: 'is required for a challenge' })
      if (!comment) details.push({ field: 'body.comment', message: 'is required for a challenge' })
      if (details.length > 0) throw badRequest('A challenge needs the rating you would give and why.', details)
    }
    const current = getAssessment(app.db, request.params)
    if (decision === 'agree' && !current) throw conflict('There is no self-assessment to agree with yet.')
    const agreed = current && current.rag !== 'na' ? current.rag : null
    const review = addReview(app.db, actorOf(request), request.params, {
      decision,
      rag: decision === 'agree' ? agreed : rag ?? null,
      comment: comment ?? null,
      assessmentVersion: current?.version ?? null
    })
    return reply.code(201).send(review)
  })
}

export default records
