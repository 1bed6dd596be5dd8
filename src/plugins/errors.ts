import type { FastifyError, FastifyInstance } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { HttpError, STATUS_NAMES, type FieldProblem } from '../errors.js'

function body (statusCode: number, message: string, details?: FieldProblem[]) {
  return { error: STATUS_NAMES[statusCode] ?? 'Error', message, ...(details ? { details } : {}) }
}

function validationDetails (err: FastifyError): FieldProblem[] {
  const where = err.validationContext ?? 'body'
  return (err.validation ?? []).map((v) => {
    const path = v.instancePath.split('/').filter(Boolean).join('.')
    return { field: path ? `${where}.${path}` : where, message: v.message ?? 'is invalid' }
  })
}

/** Every error leaves as `{error, message, details?}`; bad input is a 4xx, never a 500. */
export function registerErrorHandling (app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = validationDetails(err)
      return reply.code(400).send(body(400, `The request is invalid: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details))
    }
    if (err instanceof HttpError) return reply.code(err.statusCode).send(body(err.statusCode, err.message, err.details))
    const status = err.statusCode ?? 500
    if (status >= 400 && status < 500) {
      const message = status === 413 ? 'The request body is too large.' : err.message
      return reply.code(status).send(body(status, message))
    }
    request.log.error({ err }, 'request failed')
    return reply.code(500).send(body(500, 'Something went wrong on the server; it has been logged.'))
  })

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(body(404, `There is no ${request.method} ${request.url.split('?')[0]}.`))
  })
}
