/** The live state of the code being typed, as `OneTimeCodeStatus` shows it. */
export interface CodeFieldStatus {
  expiresAt: number | undefined;
  resendAt: number;
  attemptsRemaining: number | null;
}
