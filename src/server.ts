import { buildApp } from './app.js'
import { bootstrap, describeStartup } from './bootstrap.js'
import { ConfigError, loadConfig } from './config.js'
import { RuleSetsInvalidError } from './rules/loader.js'

async function start (): Promise<void> {
  const config = loadConfig()
  const app = await buildApp({ config })
  const report = await bootstrap(app, config)
  for (const line of describeStartup(report)) console.log(line)

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'closing')
      app.close().then(() => process.exit(0), () => process.exit(1))
    })
  }
  await app.listen({ host: config.HOST, port: config.PORT })
}

start().catch((err: unknown) => {
  // Configuration and rule-set problems are the operator's to fix: show them plainly.
  if (err instanceof ConfigError || err instanceof RuleSetsInvalidError) console.error(err.message)
  else console.error(err)
  process.exit(1)
})
