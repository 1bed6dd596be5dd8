import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { z } from 'zod'
import { paths } from '../paths.js'
import { JSON_SCHEMA_FILE } from './loader.js'
import { RuleSet } from './schema.js'

/** The JSON Schema rule authors point their editors at, generated from the zod schema. */
export function ruleSetJsonSchema (): string {
  const schema = z.toJSONSchema(RuleSet, { io: 'input', target: 'draft-2020-12' })
  return JSON.stringify({ ...schema, title: 'Safeguarding compliance rule set' }, null, 2) + '\n'
}

export const jsonSchemaPath = join(paths.rules, JSON_SCHEMA_FILE)

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(jsonSchemaPath, ruleSetJsonSchema())
  console.log(`Wrote ${jsonSchemaPath}`)
}
