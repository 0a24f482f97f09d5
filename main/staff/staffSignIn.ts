import type { CaseworkerSession } from '../../shared/councilApi/caseworkerApi.ts';
import type { StaffDeviceSignIn } from '../../shared/kioskApi/staffView.ts';
import { KioskCallError } from '../kioskApi/kioskCallError.ts';
import { logEvent } from '../log.ts';
import { liveCouncilCall } from '../registration/liveCouncilCall.ts';
import { DeviceSignInPoller } from './deviceSignInPoller.ts';
import type { DeviceSignInStop } from './deviceSignInPoller.ts';
import { qrCodePath } from './qrCodePath.ts';
import type { StaffCouncil } from './staffCouncil.ts';

/** How a caseworker signed in. */
export type StaffSignInMethod = 'device' | 'password';

/** What the sign-in needs from the staff session around it. */
export interface StaffSignInDeps {
  council: () => StaffCouncil;
  now: () => number;
  approveTraining: ((userCode: string) => Promise<unknown>) | undefined;
  /** Whether nobody is signed in now: sign-in is allowed only then. */
  signedOut: () => boolean;
  /** A caseworker signed in (the device sign-in on show is already forgotten). */
  signedIn: (session: CaseworkerSession, method: StaffSignInMethod) => void;
  /** The device sign-in on show changed (started, refused, expired, cancelled). */
  changed: () => void;
}

type DeviceSignIn = { view: StaffDeviceSignIn; expiresAt: number; poller: DeviceSignInPoller | undefined };

/**
 * The signed-out half of the staff session: the device sign-in on show (RFC 8628: the code, its
 * QR code and the background poller) and the staff id and password fallback. Council refusals
 * pass through as `KioskCallError`s with their details (`liveCouncilCall`).
 */
export class StaffSignIn {
  readonly #deps: StaffSignInDeps;
  #device: DeviceSignIn | undefined;

  constructor(deps: StaffSignInDeps) {
    this.#deps = deps;
  }

  /** The device sign-in on show, or null. */
  view(): StaffDeviceSignIn | null {
    return this.#device === undefined ? null : { ...this.#device.view };
  }

  /** Applies the clock: a device sign-in past its expiry shows `expired` (the poller would at its next wake-up). */
  refresh(): void {
    const device = this.#device;
    if (device?.view.status === 'waiting' && this.#deps.now() >= device.expiresAt) {
      device.poller?.stop();
      this.#stopped(device, 'expired');
    }
  }

  /** Starts a device authorization and polls it in the background; replaces one on show. */
  async startDevice(): Promise<StaffDeviceSignIn> {
    this.#requireSignedOut();
    const council = this.#deps.council();
    const authorization = await liveCouncilCall('startCaseworkerDeviceAuthorization', () => council.startCaseworkerDeviceAuthorization());
    this.#requireSignedOut();
    const expiresAt = this.#deps.now() + authorization.expiresIn * 1000;
    const device: DeviceSignIn = {
      view: {
        userCode: authorization.userCode,
        verificationUri: authorization.verificationUri,
        verificationUriComplete: authorization.verificationUriComplete,
        qr: qrCodePath(authorization.verificationUriComplete),
        expiresAt: new Date(expiresAt).toISOString(),
        status: 'waiting',
      },
      expiresAt,
      poller: undefined,
    };
    this.clear();
    this.#device = device;
    device.poller = new DeviceSignInPoller({
      poll: () => council.pollCaseworkerDeviceAuthorization(authorization.deviceCode),
      intervalMs: authorization.interval * 1000,
      expiresAt,
      now: this.#deps.now,
      approved: (session) => {
        if (this.#device !== device || !this.#deps.signedOut()) return;
        this.clear();
        this.#deps.signedIn(session, 'device');
      },
      stopped: (status) => {
        this.#stopped(device, status);
      },
    });
    this.#deps.changed();
    return { ...device.view };
  }

  /** Stops waiting for the device sign-in on show, if any. */
  cancel(): void {
    if (this.#device === undefined) return;
    if (this.#device.view.status === 'waiting') logEvent('staff.device_sign_in_ended', { outcome: 'cancelled' });
    this.clear();
    this.#deps.changed();
  }

  /** Forgets the device sign-in on show without a word (signed in another way, shutting down). */
  clear(): void {
    this.#device?.poller?.stop();
    this.#device = undefined;
  }

  /** The fallback: staff id and password. */
  async withPassword(staffId: string, password: string): Promise<void> {
    this.#requireSignedOut();
    const council = this.#deps.council();
    const session = await liveCouncilCall('signInCaseworker', () => council.signInCaseworker({ staffId, password }));
    this.#requireSignedOut();
    this.clear();
    this.#deps.signedIn(session, 'password');
  }

  /** Training: approves the code on show as the caseworker's work device would; the next poll signs in. */
  async approveTraining(): Promise<void> {
    const approve = this.#deps.approveTraining;
    if (approve === undefined) throw new KioskCallError('not_training', 'Only a training kiosk can approve its own sign-in');
    this.refresh();
    const device = this.#device;
    if (device?.view.status !== 'waiting') throw new KioskCallError('step_out_of_order', 'No device sign-in is waiting for approval');
    await liveCouncilCall('approveTrainingDeviceAuthorization', () => approve(device.view.userCode));
  }

  #requireSignedOut(): void {
    if (!this.#deps.signedOut()) throw new KioskCallError('step_out_of_order', 'A caseworker is already signed in on this kiosk');
  }

  #stopped(device: DeviceSignIn, status: DeviceSignInStop): void {
    device.poller = undefined;
    if (this.#device !== device || device.view.status !== 'waiting') return;
    device.view = { ...device.view, status };
    logEvent('staff.device_sign_in_ended', { outcome: status });
    this.#deps.changed();
  }
}
