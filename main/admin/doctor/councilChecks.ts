import { isIP } from 'node:net';
import got from 'got';
import { councilEndpoints } from '../../../shared/councilApi/councilEndpoints.ts';
import { readDeviceCredential } from '../../kioskStoragePaths.ts';
import { check } from './doctorCheck.ts';
import type { DoctorCheck } from './doctorCheck.ts';

/** Codes expire in 10 minutes; a clock more than this far from the council's is reported. */
export const CLOCK_WARNING_MS = 2 * 60 * 1000;

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

/** What the council checks need: where it is, the credential file, and this machine's clock. */
export interface CouncilCheckOptions {
  apiUrl: string;
  deviceCredentialFile: string;
  now?: () => number;
  timeoutMs?: number;
}

/**
 * The live council: the address uses TLS; the council answers `GET /v1/site` with this kiosk's
 * device credential (a trusted certificate, a working network, an accepted credential); and this
 * machine's clock agrees with the council's `Date` header within two minutes.
 */
export async function checkCouncil(options: CouncilCheckOptions): Promise<DoctorCheck[]> {
  const results: DoctorCheck[] = [];
  const url = new URL(options.apiUrl);
  if (url.protocol === 'https:') results.push(check('council TLS', 'pass', `${url.origin} uses https`));
  else if (isLoopback(url.hostname)) results.push(check('council TLS', 'warn', `${url.origin} is http on this machine (a local simulator)`, 'a live council address must be https'));
  else return [check('council TLS', 'fail', `${url.origin} is not https`, 'set council.apiUrl to the council\'s https address')];

  let credential: string;
  try {
    credential = await readDeviceCredential(options.deviceCredentialFile);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [...results, check('council credential', 'fail', message, 'enrol the kiosk with "npm run admin -- enrol" (see "For council IT" in the README)')];
  }

  const sentAt = (options.now ?? Date.now)();
  let response;
  try {
    response = await got(`${options.apiUrl.replace(/\/+$/, '')}${councilEndpoints.getSiteConfiguration.path}`, {
      headers: { authorization: `Bearer ${credential}`, accept: 'application/json' },
      timeout: { request: options.timeoutMs ?? 10_000 },
      retry: { limit: 0 },
      throwHttpErrors: false,
      followRedirect: false,
    });
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unknown';
    const tls = /CERT|SSL|TLS/.test(code);
    return [
      ...results,
      check(
        'council',
        'fail',
        `${url.origin} did not answer (${code})`,
        tls
          ? "the council's certificate is not trusted here: install the council's CA certificate in the system store, or check the address"
          : 'check the network, proxy and firewall between this kiosk and the council, and the address in council.apiUrl',
      ),
    ];
  }
  const receivedAt = (options.now ?? Date.now)();
  if (response.statusCode === 401 || response.statusCode === 403) {
    results.push(check('council credential', 'fail', `the council refused this kiosk's device credential (HTTP ${response.statusCode})`, 'enrol the kiosk again with a new token from the council ("npm run admin -- enrol")'));
  } else if (response.statusCode !== 200) {
    results.push(check('council credential', 'fail', `the council answered HTTP ${response.statusCode} to ${councilEndpoints.getSiteConfiguration.path}`, 'check council.apiUrl (the address of the council API itself, without /v1)'));
  } else {
    results.push(check('council credential', 'pass', `the council accepted this kiosk's device credential`));
  }

  const councilTime = Date.parse(response.headers.date ?? '');
  if (Number.isNaN(councilTime)) {
    results.push(check('clock', 'warn', 'the council sent no Date header, so the clock was not compared', 'make sure this machine sets its clock by NTP'));
  } else {
    // The council stamps its Date while answering: compare with the middle of the exchange.
    const difference = Math.round((sentAt + receivedAt) / 2 - councilTime);
    const seconds = Math.round(Math.abs(difference) / 1000);
    const said = `this machine's clock is ${seconds} s ${difference >= 0 ? 'ahead of' : 'behind'} the council's`;
    results.push(
      Math.abs(difference) > CLOCK_WARNING_MS
        ? check('clock', 'warn', said, "set this machine's clock by NTP: one-time codes expire after 10 minutes")
        : check('clock', 'pass', said),
    );
  }
  return results;
}
