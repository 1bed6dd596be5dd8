// Every error the API sends, created once. The error handler turns them into
// `{error, message, details}` with their status code.

export interface FieldProblem {
  field: string
  message: string
}

export class HttpError extends Error {
  readonly statusCode: number
  readonly details?: FieldProblem[]
  constructor (statusCode: number, message: string, details?: FieldProblem[]) {
    super(message)
    this.name = 'HttpError'
    this.statusCode = statusCode
    if (details) this.details = details
  }
}

export const badRequest = (message: string, details?: FieldProblem[]) => new HttpError(400, message, details)
export const unauthorized = (message = 'Sign in first: send Authorization: Bearer <token> from POST /api/tokens.') => new HttpError(401, message)
export const forbidden = (message: string) => new HttpError(403, message)
export const notFound = (what: string) => new HttpError(404, `${what} was not found.`)
export const conflict = (message: string) => new HttpError(409, message)

export const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error'
}
