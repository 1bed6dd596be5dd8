import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// One place that knows where the project's folders are, so the server, the CLI and
// the tests agree whether they run from src/ under tsx or from elsewhere.
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..')

export const paths = {
  rules: join(projectRoot, 'rules'),
  views: join(projectRoot, 'views'),
  migrations: join(projectRoot, 'db'),
  data: join(projectRoot, 'data')
}
