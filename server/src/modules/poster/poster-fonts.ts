import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Noto Sans SC (SIL OFL) from its npm package. Each file is about 10 MB; PDFKit embeds only the
 * glyphs a document uses, so a poster PDF carries a few kilobytes of font.
 */
const require = createRequire(import.meta.url);
const FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

export type PosterFont = keyof typeof FILES;

const loaded = new Map<PosterFont, Buffer>();

/** The font's bytes, read once per process. */
export function posterFont(font: PosterFont): Buffer {
  let bytes = loaded.get(font);
  if (!bytes) {
    bytes = readFileSync(require.resolve(FILES[font]));
    loaded.set(font, bytes);
  }
  return bytes;
}
