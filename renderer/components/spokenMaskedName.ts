/** What a screen reader should say for a masked name: its initials, then that the rest is hidden. */
export function spokenMaskedName(masked: string, phrase: (initials: string) => string): string {
  const initials = masked
    .split(/\s+/)
    .map((word) => word.replace(/\*/g, ''))
    .filter((word) => word.length > 0)
    .join(', ');
  return phrase(initials);
}
