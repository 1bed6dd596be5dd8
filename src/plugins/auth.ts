import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import { hashToken } from '../auth/passwords.js'
import type { Access, SignedInUser } from '../auth/policy.js'
import { forbidden, unauthorized } from '../errors.js'
import { userForToken } from '../repositories/users.js'
import type { Actor } from '../repositories/audit.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route: 'public', or the roles admitted. Required on every /api route. */
    access?: Access
  }
  interface FastifyRequest {
    user: SignedInUser | null
  }
}

/** The signed-in user; only call from routes whose access is not public. */
export function userOf (request: FastifyRequest): SignedInUser {
  if (!request.user) throw unauthorized()
  return request.user
}

export function actorOf (request: FastifyRequest): Actor {
  const u = userOf(request)
  return { id: u.id, role: u.role, agencyId: u.agencyId }
}

const BEARER = /^Bearer\s+(\S+)$/i

export default fp(async (app) => {
  app.decorateRequest('user', null)

  // A route under /api that forgets to say who may call it fails at start-up, not in production.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api') && route.config?.access === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.access`)
    }
  })

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access
    if (access === undefined || access === 'public') return
    const match = BEARER.exec(request.headers.authorization ?? '')
    if (!match?.[1]) throw unauthorized()
    const user = userForToken(app.db, hashToken(match[1]), new Date().toISOString())
    if (!user) throw unauthorized('The token is unknown, expired or revoked: get a new one from POST /api/tokens.')
    const { tokenId: _tokenId, ...signedIn } = user
    request.user = signedIn
    if (!access.includes(user.role)) throw forbidden(`This needs the role ${access.join(' or ')}; you are signed in as ${user.role}.`)
  })
}, { name: 'auth', dependencies: ['database'] })
