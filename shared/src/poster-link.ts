/**
 * The poster's QR code holds `https://<domain>/v/<villageCode>`. WeChat opens the mini program
 * with that URL, encoded, in `q`; a mini-program code carries `scene`; H5 opens the path itself.
 */
const VILLAGE_CODE = /^\d{12}$/;
const POSTER_PATH = /\/v\/(\d{12})(?:[/?#]|$)/;

export function posterUrl(publicBaseUrl: string, villageCode: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/v/${villageCode}`;
}

export interface LaunchInput {
  q?: string;
  scene?: string;
  v?: string;
  code?: string;
  /** H5 only: the page's path, e.g. `/v/341821102201`. */
  pathname?: string;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The village code a launch points at, or null when none of its forms holds one. */
export function villageCodeFromLaunch(input: LaunchInput): string | null {
  for (const plain of [input.v, input.code]) {
    if (plain && VILLAGE_CODE.test(plain.trim())) return plain.trim();
  }
  if (input.q) {
    // Decode until stable: some scanners encode the URL twice.
    let url = input.q;
    for (let i = 0; i < 3 && url.includes('%'); i++) url = safeDecode(url);
    const match = POSTER_PATH.exec(url);
    if (match?.[1]) return match[1];
  }
  if (input.scene) {
    const scene = safeDecode(input.scene).trim();
    if (VILLAGE_CODE.test(scene)) return scene;
    const match = /(?:^|&)v=(\d{12})(?:&|$)/.exec(scene);
    if (match?.[1]) return match[1];
  }
  if (input.pathname) {
    const match = POSTER_PATH.exec(input.pathname);
    if (match?.[1]) return match[1];
  }
  return null;
}
