import { describe, expect, it } from 'vitest';
import { runCrashProof } from './crashHarness.ts';

// `npm run bench` runs the same proof with 1,000 kills (test/bench/outboxCrash.bench.ts).
const KILLS = 32;

describe('crash safety', () => {
  it(
    `${KILLS} SIGKILLs (enqueuing, mid-request, after the council committed, random) lose nothing and double nothing`,
    async () => {
      const report = await runCrashProof({ kills: KILLS, lanes: 2 });
      expect(report.lost).toBe(0);
      expect(report.duplicatedAtCouncil).toBe(0);
      expect(report.receiptMismatches).toBe(0);
      expect(report.deadLetters).toBe(0);
      expect(report.leftInOutbox).toBe(0);
      expect(report.auditChainOk).toBe(true);
      // The proof means something only if the kills landed where they were aimed, with work in hand.
      expect(report.acknowledgedEnqueues).toBeGreaterThan(KILLS);
      expect(report.councilSetups).toBeGreaterThanOrEqual(report.acknowledgedEnqueues);
      for (const count of Object.values(report.killsByMoment)) expect(count).toBeGreaterThan(0);
      expect(report.fallbackKills).toBeLessThan(KILLS / 4);
    },
    180_000,
  );
});
