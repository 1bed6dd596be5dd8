import { validateRules } from './rules.js'

const USAGE = `Usage: npm run cli -- <command>

Commands:
  rules validate [FILE...]   check rule-set files (default: every set in rules/)`

function main (argv: string[]): number {
  const [command, sub, ...rest] = argv
  if (command === 'rules' && sub === 'validate') return validateRules(rest, console.log)
  if (command === undefined || command === 'help' || command === '--help') {
    console.log(USAGE)
    return 0
  }
  console.error(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`)
  return 2
}

process.exitCode = main(process.argv.slice(2))
