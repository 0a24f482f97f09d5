import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { COUNCIL_HEADERS } from '../../../shared/councilApi/councilPrimitives.ts';
import { buildProblem } from '../../../shared/councilApi/councilProblem.ts';
import type { CouncilProblem } from '../../../shared/councilApi/councilProblem.ts';

// The names a request to this machine's loopback interface carries in `Host`. A page that
// rebinds its own DNS name to 127.0.0.1 still sends its own name, so it is refused.
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Who may use the simulator's `/training/*` endpoints (they show every code "sent", and move its
 * clock): requests addressed to a loopback name only, so a web page cannot reach them by DNS
 * rebinding; and, when the simulator runs on its own (not embedded in a kiosk), only with the
 * training token it printed at start. Answers a problem for a refused request, else `undefined`.
 */
export function checkTrainingAccess(request: IncomingMessage, trainingToken: string | undefined): CouncilProblem | undefined {
  const host = (request.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
  if (!LOOPBACK_HOSTS.has(host)) {
    return buildProblem('invalid_request', 'Training endpoints answer only requests addressed to 127.0.0.1, localhost or [::1]', {
      invalidParams: [{ name: 'header.Host', reason: 'not a loopback name' }],
    });
  }
  if (trainingToken === undefined) return undefined;
  const sent = request.headers[COUNCIL_HEADERS.trainingToken.toLowerCase()];
  const given = Buffer.from(typeof sent === 'string' ? sent : '');
  const expected = Buffer.from(trainingToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return buildProblem('unauthorized', `Send the training token the simulator printed at start as ${COUNCIL_HEADERS.trainingToken}`);
  }
  return undefined;
}
