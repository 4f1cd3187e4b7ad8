/** "a service", "an external": the indefinite article for a kind or word in a message. */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}
