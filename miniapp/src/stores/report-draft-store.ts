import Taro from '@tarojs/taro';

/**
 * What a villager has typed into the report form, kept per village through a reload, a page left
 * by mistake or a failed network, until the report is filed or they tap 清空. A draft nobody comes
 * back to is dropped after three days (phones are shared in families).
 */
const PREFIX = 'report-draft:';
const KEEP_MS = 3 * 24 * 3600 * 1000;

interface Stored<T> {
  draft: T;
  savedAt: number;
}

export function loadDraft<T extends object>(villageCode: string, empty: T): T {
  const stored = Taro.getStorageSync<Stored<T> | ''>(PREFIX + villageCode);
  if (!stored || typeof stored !== 'object' || !stored.draft) return empty;
  if (Date.now() - stored.savedAt > KEEP_MS) {
    clearDraft(villageCode);
    return empty;
  }
  return { ...empty, ...stored.draft };
}

export function saveDraft<T extends object>(villageCode: string, draft: T): void {
  try {
    Taro.setStorageSync(PREFIX + villageCode, { draft, savedAt: Date.now() });
  } catch {
    // Storage full or refused: the form still works, only the draft is not kept.
  }
}

export function clearDraft(villageCode: string): void {
  Taro.removeStorageSync(PREFIX + villageCode);
}
