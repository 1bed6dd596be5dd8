import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { newToken, verifyPassword } from '../../../auth/passwords.js'
import { unauthorized } from '../../../errors.js'
import { createToken, findUserByEmail } from '../../../repositories/users.js'

const CreateTokenBody = z.strictObject({
  email: z.string().trim().min(1, 'must not be empty').max(320),
  password: z.string().min(1, 'must not be empty').max(1024)
})

const tokens: FastifyPluginAsyncZod<{ tokenTtlHours: number }> = async (app, opts) => {
  app.post('/api/tokens', {
    config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: 'Exchange an email and password for a bearer token', security: [], body: CreateTokenBody }
  }, async (request, reply) => {
    const user = findUserByEmail(app.db, request.body.email)
    // Verify even for an unknown email, so timing does not tell which emails exist.
    const ok = await verifyPassword(request.body.password, user?.passwordHash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA')
    if (!user || !ok) throw unauthorized('The email or password is wrong.')
    const { token, hash } = newToken()
    const expiresAt = new Date(Date.now() + opts.tokenTtlHours * 3600_000).toISOString()
    createToken(app.db, user, hash, expiresAt)
    return reply.code(201).send({ token, expiresAt })
  })
}

export default tokens
