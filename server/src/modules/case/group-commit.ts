/**
 * Writes that share a commit: the first goes at once; those that arrive while `maxInFlight` are
 * being committed wait, and then go together, in one transaction, with one commit (one flush of the
 * log) for all of them. Each caller is answered only once its own write is committed.
 *
 * When a shared transaction fails, none of it is kept: its writes go again, each in a transaction of
 * its own, so one write's failure (a retry racing its first copy, a hook refusing) is its own alone
 * and the others are stored as if they had come alone.
 */
export class GroupCommit<T, R> {
  private queued: Array<{ item: T; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  private inFlight = 0;

  /** `writeAll` stores the items in one transaction and answers their results in the same order, or throws and keeps none. */
  constructor(
    private readonly writeAll: (items: T[]) => Promise<R[]>,
    private readonly options: { maxInFlight: number; maxBatch: number },
  ) {}

  add(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queued.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queued.length > 0) {
      const batch = this.queued.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.commit(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async commit(batch: GroupCommit<T, R>['queued']): Promise<void> {
    try {
      const results = await this.writeAll(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      await Promise.all(batch.map((w) => this.writeAll([w.item]).then(([result]) => w.resolve(result!), w.reject)));
    }
  }
}
