import { validateRules } from './rules.js'

const USAGE = `Usage: npm run cli -- <command>

Commands:
  rules validate [FILE...]   check rule-set files (default: every set in rules/)`

function main (argv: string[]): number {
  const [command, sub, ...rest] = argv
  if (command === 'rules' && sub === 'validate') return validateRules(rest, console.log)
  console.error(USAGE)
  return command === undefined || command === 'help' ? 0 : 2
}

process.exitCode = main(process.argv.slice(2))
