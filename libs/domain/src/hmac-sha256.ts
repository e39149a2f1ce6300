// HMAC-SHA256 (FIPS 180-4, RFC 2104) in plain TypeScript: libs/domain is shared with the browser
// dashboards, so it cannot import node:crypto. The spec checks it against node:crypto.

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const INITIAL_STATE = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const BLOCK = 64;
const w = new Uint32Array(64);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

function compress(state: Uint32Array, block: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    w[i] = ((block[j]! << 24) | (block[j + 1]! << 16) | (block[j + 2]! << 8) | block[j + 3]!) >>> 0;
  }
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]!;
    const b = w[i - 2]!;
    const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
    const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) >>> 0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) >>> 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) >>> 0;
  }
  state[0] = (state[0]! + a) >>> 0;
  state[1] = (state[1]! + b) >>> 0;
  state[2] = (state[2]! + c) >>> 0;
  state[3] = (state[3]! + d) >>> 0;
  state[4] = (state[4]! + e) >>> 0;
  state[5] = (state[5]! + f) >>> 0;
  state[6] = (state[6]! + g) >>> 0;
  state[7] = (state[7]! + h) >>> 0;
}

// Scratch space reused by every call (the functions are synchronous): hashing a million ids should
// not allocate a million buffers.
const scratchBlocks = new Uint8Array(BLOCK * 2);
const scratchInner = new Uint8Array(32);
const scratchInput = new Uint8Array(256);
const scratchState = new Uint32Array(8);

/**
 * Leaves in `state` the hash of `data[0, length)` for a hash that starts from `init` after `prefixBytes`
 * bytes (whole blocks) were absorbed.
 */
function digestInto(state: Uint32Array, init: ArrayLike<number>, prefixBytes: number, data: Uint8Array, length: number): void {
  state.set(init);
  let offset = 0;
  for (; length - offset >= BLOCK; offset += BLOCK) compress(state, data, offset);
  const rest = length - offset;
  const padded = rest + 9 > BLOCK ? 2 * BLOCK : BLOCK;
  scratchBlocks.fill(0, 0, padded);
  for (let i = 0; i < rest; i++) scratchBlocks[i] = data[offset + i]!;
  scratchBlocks[rest] = 0x80;
  const bits = (prefixBytes + length) * 8;
  writeWord(scratchBlocks, padded - 8, Math.floor(bits / 2 ** 32));
  writeWord(scratchBlocks, padded - 4, bits >>> 0);
  compress(state, scratchBlocks, 0);
  if (padded > BLOCK) compress(state, scratchBlocks, BLOCK);
}

function writeWord(bytes: Uint8Array, offset: number, word: number): void {
  bytes[offset] = word >>> 24;
  bytes[offset + 1] = (word >>> 16) & 0xff;
  bytes[offset + 2] = (word >>> 8) & 0xff;
  bytes[offset + 3] = word & 0xff;
}

function stateBytes(state: Uint32Array, out: Uint8Array): Uint8Array {
  for (let i = 0; i < 8; i++) writeWord(out, i * 4, state[i]!);
  return out;
}

export function sha256(data: Uint8Array): Uint8Array {
  digestInto(scratchState, INITIAL_STATE, 0, data, data.length);
  return stateBytes(scratchState, new Uint8Array(32));
}

interface KeyedStates {
  inner: Uint32Array;
  outer: Uint32Array;
}

// The states after the key's ipad/opad blocks are the same for every message: computed once per key.
const keyedStates = new WeakMap<Uint8Array, KeyedStates>();

function statesFor(key: Uint8Array): KeyedStates {
  const cached = keyedStates.get(key);
  if (cached) return cached;
  const block = new Uint8Array(BLOCK);
  block.set(key.length > BLOCK ? sha256(key) : key);
  const pad = (byte: number) => {
    const state = new Uint32Array(INITIAL_STATE);
    compress(state, block.map((b) => b ^ byte), 0);
    return state;
  };
  const states = { inner: pad(0x36), outer: pad(0x5c) };
  keyedStates.set(key, states);
  return states;
}

/** Leaves HMAC-SHA256(key, message[0, length)) in scratchState. */
function hmacInto(key: Uint8Array, message: Uint8Array, length: number): void {
  const { inner, outer } = statesFor(key);
  digestInto(scratchState, inner, BLOCK, message, length);
  stateBytes(scratchState, scratchInner);
  digestInto(scratchState, outer, BLOCK, scratchInner, 32);
}

export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  hmacInto(key, message, message.length);
  return stateBytes(scratchState, new Uint8Array(32));
}

const utf8 = new TextEncoder();

/** HMAC-SHA256 of a string's UTF-8 bytes, as lower-case hex. */
export function hmacSha256Hex(key: Uint8Array, message: string): string {
  const { read, written } = utf8.encodeInto(message, scratchInput);
  if (read === message.length) hmacInto(key, scratchInput, written);
  else {
    const bytes = utf8.encode(message);
    hmacInto(key, bytes, bytes.length);
  }
  let hex = '';
  for (let i = 0; i < 8; i++) hex += (scratchState[i]! >>> 0).toString(16).padStart(8, '0');
  return hex;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b];
  return out;
}
