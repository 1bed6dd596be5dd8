import { randomBytes, scrypt, timingSafeEqual, createHash } from 'node:crypto'

// scrypt from Node itself: no native dependency to build, and OWASP-acceptable parameters.
const N = 2 ** 15
const R = 8
const P = 1
const KEY_LENGTH = 64
const MAXMEM = 64 * 1024 * 1024

function derive (password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { N: n, r, p, maxmem: MAXMEM }, (err, key) => { err ? reject(err) : resolve(key) })
  })
}

export async function hashPassword (password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, N, R, P)
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

export async function verifyPassword (password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !key) return false
  const expected = Buffer.from(key, 'base64url')
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p))
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** A fresh API token and the hash that is stored in its place. */
export function newToken (): { token: string, hash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashToken(token) }
}

export function hashToken (token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export function randomPassword (): string {
  return randomBytes(12).toString('base64url')
}
