import type { Rag } from '../rules/schema.js'

export type EffectiveRag = Rag | 'unassessed'

const SEVERITY: Record<EffectiveRag, number> = { red: 0, amber: 1, unassessed: 2, green: 3 }

/** The worse of two ratings; either may be missing. */
export function worseOf (a: Rag | null, b: Rag | null): Rag | null {
  if (a === null) return b
  if (b === null) return a
  return SEVERITY[a] <= SEVERITY[b] ? a : b
}

/** True when `a` is a better rating than `b`. */
export function isGreener (a: Rag, b: Rag): boolean {
  return SEVERITY[a] > SEVERITY[b]
}

/** Sort key: red first, then amber, then unassessed, then green. */
export function severityRank (rag: EffectiveRag): number {
  return SEVERITY[rag]
}
