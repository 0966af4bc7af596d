import Taro from '@tarojs/taro';
import type { ReportCategory, ReportMode, ReportReceipt, ReportTrack } from '@mashang/shared';

/** What was sent, in a few words: the receipt shows it and the saved image carries it. */
export interface ReceiptSummary {
  track?: ReportTrack;
  mode?: ReportMode;
  category?: ReportCategory;
  /** The first words of 「发生了什么」. */
  excerpt: string;
}

export interface SavedReceipt {
  receipt: ReportReceipt;
  villageCode: string;
  summary: ReceiptSummary;
  /** Epoch ms: a receipt nobody confirmed is dropped after a week. */
  savedAt: number;
}

const KEY = 'report-receipt';
const KEEP_MS = 7 * 24 * 3600 * 1000;

/**
 * The receipt is the only way back to a report, so it survives a reload or a closed app until the
 * reporter says they have kept the query code. Phones are shared in families: it holds no name or
 * phone number, and it is forgotten on that confirmation or after a week at the latest.
 */
export function putReceipt(saved: Omit<SavedReceipt, 'savedAt'>): void {
  Taro.setStorageSync(KEY, { ...saved, savedAt: Date.now() });
}

export function readReceipt(): SavedReceipt | null {
  const saved = Taro.getStorageSync<SavedReceipt | ''>(KEY);
  if (!saved || typeof saved !== 'object' || !saved.receipt?.queryCode) return null;
  if (Date.now() - saved.savedAt > KEEP_MS) {
    forgetReceipt();
    return null;
  }
  return saved;
}

/** The reporter confirmed they kept the code. */
export function forgetReceipt(): void {
  Taro.removeStorageSync(KEY);
}

export function excerptOf(content: string, length = 30): string {
  const text = content.replace(/\s+/g, ' ').trim();
  return text.length > length ? `${text.slice(0, length)}……` : text;
}
