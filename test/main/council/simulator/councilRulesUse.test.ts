import { describe, expect, it } from 'vitest';
import { SimulatorClock } from '../../../../main/council/simulator/simulatorClock.ts';
import { seedSimulator } from '../../../../main/council/simulator/simulatorSeed.ts';
import { SimulatorState } from '../../../../main/council/simulator/simulatorState.ts';
import { SimulatorProblem } from '../../../../main/council/simulator/simulatorProblem.ts';
import { loadServiceCatalog } from '../../../../main/services/serviceCatalogFile.ts';
import { COUNCIL_RULES } from '../../../../shared/councilApi/councilPrimitives.ts';

async function freshState(): Promise<SimulatorState> {
  return new SimulatorState({ clock: new SimulatorClock(() => 1_700_000_000_000), catalog: await loadServiceCatalog(), activationDelaySeconds: 120 });
}

describe('the simulator follows COUNCIL_RULES', () => {
  it('gives seeded invites the council invite validity', async () => {
    const state = await freshState();
    seedSimulator(state);
    expect(state.invites.size).toBeGreaterThan(0);
    for (const invite of state.invites.values()) {
      expect(invite.expiresAt - invite.sentAt).toBe(COUNCIL_RULES.inviteValiditySeconds * 1000);
    }
  });

  it('counts codes per address over the rule window, and says when the next is allowed', async () => {
    const state = await freshState();
    for (let i = 0; i < COUNCIL_RULES.codesPerHour; i++) {
      state.recordCodeSend('a@example.org');
      state.clock.advance(COUNCIL_RULES.resendCooldownSeconds);
    }
    let refused: unknown;
    try {
      state.recordCodeSend('a@example.org');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(SimulatorProblem);
    const problem = refused as SimulatorProblem;
    expect(problem.problem.code).toBe('too_many_codes');
    const elapsed = COUNCIL_RULES.codesPerHour * COUNCIL_RULES.resendCooldownSeconds;
    expect(problem.problem.retryAfterSeconds).toBe(COUNCIL_RULES.codeRateWindowSeconds - elapsed);
    state.clock.advance(COUNCIL_RULES.codeRateWindowSeconds - elapsed + 1);
    expect(() => state.recordCodeSend('a@example.org')).not.toThrow();
  });
});
