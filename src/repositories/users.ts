import { and, count, eq, gt, isNull } from 'drizzle-orm'
import { apiTokens, users, type Role } from '../db/schema.js'
import { recordAudit, type Actor, type Executor } from './audit.js'

export interface UserView {
  id: number
  email: string
  name: string
  role: Role
  agencyId: number | null
}

const publicColumns = { id: users.id, email: users.email, name: users.name, role: users.role, agencyId: users.agencyId }

export function countUsers (db: Executor): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0
}

export function findUserByEmail (db: Executor, email: string) {
  return db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get()
}

export function getUser (db: Executor, id: number): UserView | undefined {
  return db.select(publicColumns).from(users).where(eq(users.id, id)).get()
}

export function listUsers (db: Executor): UserView[] {
  return db.select(publicColumns).from(users).orderBy(users.id).all()
}

export interface NewUser {
  email: string
  name: string
  role: Role
  agencyId: number | null
  passwordHash: string
}

/** Creates a user; the password hash never reaches the audit log. */
export function createUser (db: Executor, actor: Actor, input: NewUser): UserView {
  return db.transaction((tx) => {
    const row = tx.insert(users).values({ ...input, email: input.email.trim().toLowerCase() }).returning(publicColumns).get()
    recordAudit(tx, actor, { action: 'create', entity: 'user', entityId: row.id, before: null, after: row })
    return row
  })
}

/** Issues a token to a user who has just proved who they are; they are the actor. */
export function createToken (db: Executor, user: { id: number, role: Role, agencyId: number | null }, hash: string, expiresAt: string): { id: number, expiresAt: string } {
  return db.transaction((tx) => {
    const row = tx.insert(apiTokens).values({ userId: user.id, tokenHash: hash, expiresAt }).returning({ id: apiTokens.id, expiresAt: apiTokens.expiresAt }).get()
    recordAudit(tx, { id: user.id, role: user.role, agencyId: user.agencyId }, { action: 'create', entity: 'api_token', entityId: row.id, before: null, after: { userId: user.id, expiresAt } })
    return row
  })
}

/** The user behind a token that exists, has not expired and was not revoked. */
export function userForToken (db: Executor, hash: string, now: string): (UserView & { tokenId: number }) | undefined {
  return db.select({ ...publicColumns, tokenId: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hash), gt(apiTokens.expiresAt, now), isNull(apiTokens.revokedAt)))
    .get()
}

/** Revokes every live token of a user, or the one given. Returns how many were revoked. */
export function revokeTokens (db: Executor, actor: Actor, where: { userId: number } | { tokenId: number }): number {
  return db.transaction((tx) => {
    const now = new Date().toISOString()
    const match = 'userId' in where ? eq(apiTokens.userId, where.userId) : eq(apiTokens.id, where.tokenId)
    const revoked = tx.update(apiTokens).set({ revokedAt: now }).where(and(match, isNull(apiTokens.revokedAt))).returning({ id: apiTokens.id, userId: apiTokens.userId }).all()
    for (const t of revoked) {
      recordAudit(tx, actor, { action: 'revoke', entity: 'api_token', entityId: t.id, before: { revokedAt: null }, after: { revokedAt: now } })
    }
    return revoked.length
  })
}
