import Taro from '@tarojs/taro';

const BYTES = 16; // 128 bits

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/**
 * A cryptographically random key of 128 bits as 32 hex characters: the browser's Web Crypto on H5,
 * WeChat's `getRandomValues` in the mini program. Never falls back to Math.random.
 */
export async function randomKey(): Promise<string> {
  const webCrypto = (globalThis as { crypto?: Crypto }).crypto;
  if (webCrypto?.getRandomValues) return toHex(webCrypto.getRandomValues(new Uint8Array(BYTES)));
  const res = await Taro.getRandomValues({ length: BYTES });
  return toHex(new Uint8Array(res.randomValues));
}
