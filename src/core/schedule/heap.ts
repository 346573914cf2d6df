/**
 * A binary min-heap of job numbers ordered by a numeric key per job: the scheduler takes the call with the
 * earliest deadline first among hundreds of thousands. Each job's key is copied in beside it, so the heap's
 * comparisons read its own small arrays rather than jumping about a million-entry table.
 */
export class KeyHeap {
  private readonly heap = new PairHeap();

  constructor(private readonly keys: Float64Array) {}

  get size(): number {
    return this.heap.size;
  }

  /** The top job, or -1 when empty. */
  peek(): number {
    return this.heap.size ? this.heap.topId() : -1;
  }

  /** The top job's key, or Infinity when empty. */
  peekKey(): number {
    return this.heap.topKey();
  }

  push(job: number): void {
    this.heap.push(this.keys[job], job);
  }

  /** Every job, in no particular (but repeatable) order, emptying the heap. */
  drain(take: (job: number) => void): void {
    this.heap.drain(take);
  }

  pop(): number {
    if (this.heap.size === 0) return -1;
    const top = this.heap.topId();
    this.heap.pop();
    return top;
  }
}

/** A binary min-heap of (key, id) pairs, for the few hundred people a day's calls are shared among. */
export class PairHeap {
  private keys: number[] = [];
  private ids: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  topKey(): number {
    return this.keys.length ? this.keys[0] : Infinity;
  }

  topId(): number {
    return this.ids[0];
  }

  clear(): void {
    this.keys.length = 0;
    this.ids.length = 0;
  }

  /** Every id, in no particular (but repeatable) order, emptying the heap: for when all of them are taken at once. */
  drain(take: (id: number) => void): void {
    for (const id of this.ids) take(id);
    this.clear();
  }

  push(key: number, id: number): void {
    const { keys, ids } = this;
    let i = keys.length;
    keys.push(key);
    ids.push(id);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[i] = keys[parent];
      ids[i] = ids[parent];
      i = parent;
    }
    keys[i] = key;
    ids[i] = id;
  }

  pop(): void {
    const { keys, ids } = this;
    const lastKey = keys.pop() as number;
    const lastId = ids.pop() as number;
    const n = keys.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && keys[child + 1] < keys[child]) child++;
      if (keys[child] >= lastKey) break;
      keys[i] = keys[child];
      ids[i] = ids[child];
      i = child;
    }
    keys[i] = lastKey;
    ids[i] = lastId;
  }
}
