import { faultConfigSchema } from '../../../shared/councilApi/trainingApi.ts';
import type { FaultConfig, FaultConfigInput } from '../../../shared/councilApi/trainingApi.ts';
import { seededRandom } from './seededRandom.ts';

/** What the dice said for one request. */
export interface FaultDraw {
  /** Answer at once with this fault, without processing the request. */
  before: 'error500' | 'unavailable503' | 'rateLimited429' | undefined;
  /** Delay the answer by this many milliseconds after processing (0 = none). */
  slowMs: number;
  /** Process the request, then withhold the answer (`timeout`) or close the connection (`drop`). */
  after: 'timeout' | 'drop' | undefined;
}

const NONE: FaultDraw = { before: undefined, slowMs: 0, after: undefined };

/**
 * Fault injection for the simulator's `/v1` endpoints: probabilities of 500, 503 and 429
 * answers, slow answers, timeouts and dropped connections (`shared/councilApi/trainingApi.ts`
 * says exactly when each happens). Settable at start (CLI flags, options) and at run time
 * (`POST /training/faults`); with a `seed`, the same requests draw the same faults.
 */
export class FaultInjector {
  #config: FaultConfig;
  #random: () => number = Math.random;

  constructor(config: FaultConfigInput = {}) {
    this.#config = this.set(config);
  }

  /** The settings in force. */
  get config(): FaultConfig {
    return this.#config;
  }

  /** Replaces the settings (validated; omitted rates are 0). Throws a `ZodError` on bad input. */
  set(config: FaultConfigInput): FaultConfig {
    const parsed = faultConfigSchema.parse(config);
    this.#config = parsed;
    this.#random = parsed.seed === undefined ? Math.random : seededRandom(parsed.seed);
    return parsed;
  }

  /** Draws the faults for one request to `pathname`. */
  draw(pathname: string): FaultDraw {
    const c = this.#config;
    if (c.paths !== undefined && !c.paths.some((prefix) => pathname.startsWith(prefix))) return NONE;
    const hit = (rate: number) => rate > 0 && this.#random() < rate;
    const before = hit(c.error500) ? 'error500' : hit(c.unavailable503) ? 'unavailable503' : hit(c.rateLimited429) ? 'rateLimited429' : undefined;
    if (before !== undefined) return { before, slowMs: 0, after: undefined };
    const slowMs = hit(c.slow) ? c.slowMs : 0;
    const after = hit(c.timeout) ? 'timeout' : hit(c.drop) ? 'drop' : undefined;
    return { before, slowMs, after };
  }
}

