// A count with its noun, singular or plural: "1 connection", "3 connections".

export function countOf(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
