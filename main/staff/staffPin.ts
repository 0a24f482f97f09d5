import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { BinaryLike, ScryptOptions } from 'node:crypto';
import { staffPinSchema } from '../../shared/kioskApi/staffMethods.ts';
import { KioskCallError } from '../kioskApi/kioskCallError.ts';

// scrypt's cost: about 16 MB and a few tens of milliseconds, run off the main thread. A PIN of
// four digits is a small space, so the hash guards a memory dump against a casual look, while the
// real guard is that five wrong PINs sign the caseworker out.
const SCRYPT: ScryptOptions = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_BYTES = 32;

function derive(pin: BinaryLike, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, KEY_BYTES, SCRYPT, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

/**
 * The PIN a caseworker chose at sign-in, kept only as a scrypt hash with a random salt, in memory
 * (never on disk, never in the renderer), and compared in constant time.
 */
export class StaffPin {
  readonly #salt: Buffer;
  readonly #hash: Buffer;

  private constructor(salt: Buffer, hash: Buffer) {
    this.#salt = salt;
    this.#hash = hash;
  }

  /** Hashes a newly chosen PIN: 4 to 8 digits, or `invalid_input`. */
  static async choose(pin: string): Promise<StaffPin> {
    if (!staffPinSchema.safeParse(pin).success) throw new KioskCallError('invalid_input', 'A staff PIN is 4 to 8 digits');
    const salt = randomBytes(16);
    return new StaffPin(salt, await derive(pin, salt));
  }

  /** Whether `pin` is the chosen PIN. Anything else, of any shape, is simply not it. */
  async matches(pin: string): Promise<boolean> {
    const candidate = await derive(pin, this.#salt);
    return timingSafeEqual(candidate, this.#hash);
  }
}
