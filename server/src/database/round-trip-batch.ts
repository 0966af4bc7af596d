/**
 * Reads by key that share round trips: the first caller's read goes at once; callers that ask while
 * it is on its way wait for it to come back and then go together, in one read of all their keys.
 * Each caller is answered by a read that STARTED AFTER it asked, so it sees every write committed
 * before that, as a read of its own would. Under load this is one statement per round trip of the
 * database instead of one per request; when quiet, no caller waits for another.
 */
export class RoundTripBatch<K, V> {
  private waiting: Array<{ key: K; resolve: (value: V | undefined) => void; reject: (error: unknown) => void }> = [];
  private reading = false;

  /** `readAll` answers the found values of the keys it is given (at most `maxKeys` of them at once). */
  constructor(
    private readonly readAll: (keys: K[]) => Promise<Map<K, V>>,
    private readonly maxKeys = 200,
  ) {}

  get(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ key, resolve, reject });
      if (!this.reading) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.reading = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.maxKeys);
        try {
          const found = await this.readAll([...new Set(batch.map((w) => w.key))]);
          for (const w of batch) w.resolve(found.get(w.key));
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.reading = false;
    }
  }
}
