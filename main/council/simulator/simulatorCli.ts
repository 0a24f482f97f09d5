import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { COUNCIL_RULES } from '../../../shared/councilApi/councilPrimitives.ts';
import { formatInviteCode } from '../../../shared/inviteCode.ts';
import { loadServiceCatalog } from '../../services/serviceCatalogFile.ts';
import { DEFAULT_ACTIVATION_DELAY_SECONDS, startCouncilSimulator } from './councilSimulator.ts';
import { SEED_CASEWORKER, SEED_ENROLMENT_TOKEN, SEED_EXISTING_ACCOUNT, seedInviteCodes } from './simulatorSeed.ts';

/**
 * `npm run simulator -- --port N [options]`: runs the council API simulator on 127.0.0.1 and
 * prints `Council API: http://127.0.0.1:PORT` once ready, then `Training token: …` (a fresh
 * random token, needed as `X-Training-Token` on every `/training/*` request, so another local
 * process or a web page cannot read the codes sent); stops cleanly on Ctrl+C or SIGTERM.
 * `--help` lists the options and the seeded data.
 */

const FAULT_FLAGS = {
  'fault-500': 'error500',
  'fault-503': 'unavailable503',
  'fault-429': 'rateLimited429',
  'fault-slow': 'slow',
  'fault-timeout': 'timeout',
  'fault-drop': 'drop',
  'fault-slow-ms': 'slowMs',
  'fault-timeout-ms': 'timeoutHoldMs',
  'fault-retry-after': 'retryAfterSeconds',
  'fault-seed': 'seed',
} as const;

function helpText(): string {
  const codes = seedInviteCodes().map(formatInviteCode);
  return `Usage: npm run simulator -- [options]

Runs the council API simulator on 127.0.0.1 (training endpoints included).

Options:
  --port N                  TCP port; 0 (default) picks any free port
  --services FILE           service-definition file (default: the shipped Norfolk services)
  --activation-delay S      seconds from account setup to activation (default ${DEFAULT_ACTIVATION_DELAY_SECONDS})
  --rate-limit N            global limit on /v1 requests per second (429 + Retry-After beyond it)
  --faults FILE             fault injection settings as JSON (see POST /training/faults)
  --fault-500 P, --fault-503 P, --fault-429 P, --fault-slow P, --fault-timeout P, --fault-drop P
                            probability (0–1) of each fault per /v1 request
  --fault-slow-ms MS, --fault-timeout-ms MS, --fault-retry-after S, --fault-seed N

Seeded data (the same every run):
  Device enrolment token:  ${SEED_ENROLMENT_TOKEN}
  Existing account:        ${SEED_EXISTING_ACCOUNT.email} / ${SEED_EXISTING_ACCOUNT.password} (phone ${SEED_EXISTING_ACCOUNT.phoneNumber} enrolled)
  Caseworker:              ${SEED_CASEWORKER.staffId} / ${SEED_CASEWORKER.password}
                           (locked ${COUNCIL_RULES.caseworkerLockoutSeconds / 60} minutes after ${COUNCIL_RULES.caseworkerMaxPasswordTries} wrong passwords; device sign-in codes are
                           approved with POST /training/device-authorizations/approve)
  Invites (code, e-mail):
    social-care          ${codes[0]}  jane.smith@example.org
    social-care          ${codes[1]}  ${SEED_EXISTING_ACCOUNT.email}  (has an account: sign in)
    social-care          ${codes[2]}  priya.patel@example.org  (two records)
    social-care          ${codes[3]}  tom.baker@example.org  (already used)
    childrens-services   ${codes[4]}  sam.jones@example.org  (two records)
    childrens-services   ${codes[5]}  ${SEED_EXISTING_ACCOUNT.email}  (has an account: sign in)
    childrens-services   ${codes[6]}  alex.green@example.org
    childrens-services   ${codes[7]}  dan.white@example.org  (expired)
  Every 'Set up your … Account' e-mail is in GET /training/messages from the start.

Training endpoints (/training/*) need the token printed at start, as the header
X-Training-Token, and answer only requests addressed to 127.0.0.1, localhost or [::1].
Endpoints: GET /openapi.json describes them all.
`;
}

function probability(flag: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new Error(`--${flag} must be a number, not "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      services: { type: 'string' },
      'activation-delay': { type: 'string' },
      'rate-limit': { type: 'string' },
      faults: { type: 'string' },
      ...Object.fromEntries(Object.keys(FAULT_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(helpText());
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  let faults: Record<string, unknown> = {};
  if (typeof values.faults === 'string') {
    try {
      faults = JSON.parse(await readFile(resolve(values.faults), 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`--faults ${values.faults} cannot be read as JSON (${(error as Error).message})`, { cause: error });
    }
  }
  for (const [flag, field] of Object.entries(FAULT_FLAGS)) {
    const raw = (values as Record<string, unknown>)[flag];
    if (typeof raw === 'string') faults[field] = probability(flag, raw);
  }
  const activation = values['activation-delay'];
  const rateLimit = values['rate-limit'];
  const trainingToken = randomBytes(24).toString('base64url');
  const simulator = await startCouncilSimulator({
    port,
    trainingToken,
    ...(typeof values.services === 'string' ? { catalog: await loadServiceCatalog(resolve(values.services)) } : {}),
    ...(typeof activation === 'string' ? { activationDelaySeconds: probability('activation-delay', activation) } : {}),
    ...(typeof rateLimit === 'string' ? { rateLimitPerSecond: probability('rate-limit', rateLimit) } : {}),
    faults: faults,
  });
  process.stdout.write(`Council API: ${simulator.url}\nTraining token: ${trainingToken}\n`);
  const stop = (): void => {
    void simulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? (error.name === 'ZodError' ? `invalid fault settings: ${error.message}` : error.message) : String(error);
  process.stderr.write(`Council API simulator could not start: ${message}\n`);
  process.exit(1);
});
