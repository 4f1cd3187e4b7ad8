/**
 * A small, pure, deterministic content hash for scenario files: 64-bit FNV-1a over the UTF-8 bytes
 * of the text. A run record stores it so a replay can tell whether the scenario changed since.
 * Not cryptographic (it only detects edits, nobody is attacking it), no Node crypto, no DOM.
 *
 * The text is normalised first so the same scenario hashes the same on every machine: a leading
 * byte-order mark is dropped and CRLF / CR line ends become LF (a Windows checkout stays equal).
 */

export const HASH_PREFIX = 'fnv1a64:';

const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
// FNV 64-bit prime 0x00000100_000001b3
const PRIME_HI = 0x100;
const PRIME_LO = 0x1b3;
const TWO_32 = 0x1_0000_0000;

/** FNV-1a 64 of the UTF-8 bytes of `text` (as TextEncoder would encode it), as 16 hex digits. */
export function fnv1a64(text: string): string {
  let hi = OFFSET_HI;
  let lo = OFFSET_LO;
  const mix = (byte: number) => {
    lo = (lo ^ byte) >>> 0;
    // (hi * 2^32 + lo) * (PRIME_HI * 2^32 + PRIME_LO) mod 2^64, with every product exact in a double
    const low = lo * PRIME_LO;
    const carry = Math.floor(low / TWO_32);
    hi = (hi * PRIME_LO + lo * PRIME_HI + carry) >>> 0;
    lo = low >>> 0;
  };
  for (const char of text) {
    let cp = char.codePointAt(0) as number;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // a lone surrogate, as TextEncoder replaces it
    if (cp < 0x80) {
      mix(cp);
    } else if (cp < 0x800) {
      mix(0xc0 | (cp >> 6));
      mix(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      mix(0xe0 | (cp >> 12));
      mix(0x80 | ((cp >> 6) & 0x3f));
      mix(0x80 | (cp & 0x3f));
    } else {
      mix(0xf0 | (cp >> 18));
      mix(0x80 | ((cp >> 12) & 0x3f));
      mix(0x80 | ((cp >> 6) & 0x3f));
      mix(0x80 | (cp & 0x3f));
    }
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** The scenario content hash stored in run records: "fnv1a64:" + 16 hex digits. */
export function hashScenario(text: string): string {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  return HASH_PREFIX + fnv1a64(normalised);
}
