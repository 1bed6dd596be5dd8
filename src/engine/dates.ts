// Calendar arithmetic on ISO dates (YYYY-MM-DD) in UTC, so a date never shifts with
// the server's time zone.

function parts (iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return [y, m, d]
}

function daysInMonth (year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** The same day N months earlier, clamped to the end of a shorter month (31 March - 1 month = 28 or 29 February). */
export function subtractMonths (iso: string, months: number): string {
  const [y, m, d] = parts(iso)
  const total = y * 12 + (m - 1) - months
  const year = Math.floor(total / 12)
  const month = (total % 12) + 1
  const day = Math.min(d, daysInMonth(year, month))
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** True when `date` falls in the N months up to and including `reference` (both ends inclusive). */
export function isWithinMonths (date: string, months: number, reference: string): boolean {
  return date <= reference && date >= subtractMonths(reference, months)
}

export function todayIso (now: Date = new Date()): string {
  return now.toISOString().slice(0, 10)
}
