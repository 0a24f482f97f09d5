/** A moment as the kiosk's clock on the wall shows it ("10:42"), for "Code sent at 10:42". */
export function formatClock(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}
