import fp from 'fastify-plugin'
import { openDatabase, type Db, type DatabaseHandle } from '../db/client.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    database: DatabaseHandle
  }
}

export interface DatabaseOptions {
  file: string
}

/** Opens the database (migrating it) and closes it with the server. */
export default fp<DatabaseOptions>(async (app, opts) => {
  const database = openDatabase(opts.file)
  app.decorate('database', database)
  app.decorate('db', database.db)
  app.addHook('onClose', async () => { database.close() })
}, { name: 'database' })
