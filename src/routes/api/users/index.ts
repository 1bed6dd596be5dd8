import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { hashPassword } from '../../../auth/passwords.js'
import { ADMIN } from '../../../auth/policy.js'
import { ROLES } from '../../../db/schema.js'
import { badRequest, conflict } from '../../../errors.js'
import { actorOf } from '../../../plugins/auth.js'
import { getAgency } from '../../../repositories/agencies.js'
import { createUser, findUserByEmail, listUsers } from '../../../repositories/users.js'
import { Id, ShortText } from '../schemas.js'

const CreateUserBody = z.strictObject({
  email: z.email('must be an email address').max(320),
  name: ShortText,
  password: z.string().min(12, 'must be at least 12 characters').max(1024),
  role: z.enum(ROLES),
  agencyId: Id.nullable().optional()
})

const users: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/users', {
    config: { access: ADMIN },
    schema: { tags: ['users'], summary: 'Add a user (admin)', body: CreateUserBody }
  }, async (request, reply) => {
    const { email, name, password, role } = request.body
    const agencyId = request.body.agencyId ?? null
    if (role === 'lead' && agencyId === null) throw badRequest('A lead must belong to an agency.', [{ field: 'body.agencyId', message: 'is required for a lead' }])
    if (agencyId !== null && !getAgency(app.db, agencyId)) throw badRequest(`Agency ${agencyId} does not exist.`, [{ field: 'body.agencyId', message: 'is not an existing agency' }])
    if (findUserByEmail(app.db, email)) throw conflict(`A user with the email ${email} already exists.`)
    const user = createUser(app.db, actorOf(request), { email, name, role, agencyId, passwordHash: await hashPassword(password) })
    return reply.code(201).send(user)
  })

  app.get('/api/users', {
    config: { access: ADMIN },
    schema: { tags: ['users'], summary: 'List users (admin)' }
  }, async () => listUsers(app.db))
}

export default users
