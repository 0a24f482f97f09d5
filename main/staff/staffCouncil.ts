import type { CaseworkerDeviceAuthorization, CaseworkerSession, CaseworkerSignInRequest } from '../../shared/councilApi/caseworkerApi.ts';

/**
 * The council calls a staff session makes: RFC 8628 device sign-in and the staff id and password
 * fallback. `CouncilClient` satisfies it; the session takes a function giving it, since training
 * mode enrols the kiosk in the simulator at start.
 */
export interface StaffCouncil {
  startCaseworkerDeviceAuthorization(): Promise<CaseworkerDeviceAuthorization>;
  pollCaseworkerDeviceAuthorization(deviceCode: string): Promise<CaseworkerSession>;
  signInCaseworker(body: CaseworkerSignInRequest): Promise<CaseworkerSession>;
}

/** The signed-in caseworker, for main's staff calls: the council token and who they are. Never sent to a page. */
export interface SignedInCaseworker {
  /** `X-Caseworker-Token` for the council's staff endpoints. */
  token: string;
  staffId: string;
  displayName: string;
}
