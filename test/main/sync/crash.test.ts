import { describe, expect, it } from 'vitest';
import { runCrashProof } from './crashHarness.ts';

// `npm run bench` runs the same proof with 1,000 kills (test/bench/outboxCrash.bench.ts).
const KILLS = 30;

describe('crash safety, as the resident sees it', () => {
  it(
    `${KILLS} SIGKILLs (after Submit returned, as the council stores, mid-registration, mid-request, during start-up), residents starting again: every reference shown reaches the council once`,
    async () => {
      const report = await runCrashProof({ kills: KILLS, lanes: 2 });
      expect(report.lostReferences).toBe(0);
      expect(report.residentsWithTwoReferences).toBe(0);
      expect(report.duplicatedAtCouncil).toBe(0);
      expect(report.receiptMismatches).toBe(0);
      expect(report.deadLetters).toBe(0);
      expect(report.leftInOutbox).toBe(0);
      expect(report.auditChainOk).toBe(true);
      // The proof means something only if the kills landed where they were aimed, with residents
      // in hand, some of whom had to start again.
      expect(report.referencesShown).toBeGreaterThan(KILLS / 2);
      expect(report.residentsStartingAgain).toBeGreaterThan(0);
      expect(report.councilSetups).toBe(report.residents);
      for (const count of Object.values(report.killsByMoment)) expect(count).toBeGreaterThan(0);
      expect(report.fallbackKills).toBeLessThan(KILLS / 4);
    },
    180_000,
  );
});
