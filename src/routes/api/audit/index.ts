import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { listAudit } from '../../../repositories/audit.js'

const AuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  entity: z.string().min(1).optional(),
  entityId: z.string().min(1).optional()
})

const audit: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/audit', {
    config: { access: ['admin', 'auditor'] },
    schema: { tags: ['audit'], summary: 'Recent audit entries, newest first (admin, auditor)', querystring: AuditQuery }
  }, async (request) => listAudit(app.db, request.query))
}

export default audit
