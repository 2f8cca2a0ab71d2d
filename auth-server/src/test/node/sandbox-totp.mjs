// The sandbox customers' authenticator app for the Node-based tests (fapi-client.mjs, ../browser/journey.mjs), the
// JavaScript twin of test-fixtures' TestTotp: RFC 6238 codes from the published sandbox secrets. No dependencies.
import { createHmac } from 'node:crypto';

/** The sandbox customers' one-time code secrets (base32), published on purpose in application-sandbox.yml. */
export const SANDBOX_TOTP_SECRETS = { alice: 'JBSWY3DPEHPK3PXP', bob: 'KRSXG5CTMVRXEZLU' };

/** RFC 6238: HMAC-SHA-1 over the 30 s step counter, dynamic truncation, 6 digits. */
export function totp(base32Secret, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32Secret.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const hash = createHmac('sha1', key).update(counter).digest();
  const offset = hash[hash.length - 1] & 0xf;
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
