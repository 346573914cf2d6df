/**
 * A binary min-heap of (key, id) pairs: the scheduler takes the least-loaded colleague among a few hundred (keys
 * beyond 2^31, so doubles; its calls go in a JobHeap, below). Keys and ids sit in typed arrays
 * that double when full, so pushing and popping never goes through a JS array's growing and shrinking.
 *
 * Where several pairs share the smallest key, which one is on top depends on the order of pushes and pops (the
 * classic array layout, sift up on push, last element sifted down on pop): callers that rely on it keep getting
 * the same answers as long as this layout stays as it is.
 */
export class PairHeap {
  private keys = new Float64Array(16);
  private ids = new Int32Array(16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The smallest key, or Infinity when empty. */
  topKey(): number {
    return this.count ? this.keys[0] : Infinity;
  }

  topId(): number {
    return this.ids[0];
  }

  clear(): void {
    this.count = 0;
  }

  push(key: number, id: number): void {
    if (this.count === this.keys.length) this.grow();
    const { keys, ids } = this;
    let i = this.count++;
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

  /** Removes the top pair. */
  pop(): void {
    if (this.count === 0) return;
    const n = --this.count;
    if (n > 0) this.siftDown(this.keys[n], this.ids[n]);
  }

  /**
   * The top pair's key raised to `key` (its id kept): one sift down instead of a pop and a push. The same pairs
   * stay in the heap, so the top is the same as after a pop and a push whenever the keys are distinct.
   */
  raiseTop(key: number): void {
    this.siftDown(key, this.ids[0]);
  }

  /** Puts (key, id) at the root and moves it down to its place (the root's old pair is overwritten). */
  private siftDown(key: number, id: number): void {
    const { keys, ids } = this;
    const n = this.count;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && keys[child + 1] < keys[child]) child++;
      if (keys[child] >= key) break;
      keys[i] = keys[child];
      ids[i] = ids[child];
      i = child;
    }
    keys[i] = key;
    ids[i] = id;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const ids = new Int32Array(this.ids.length * 2);
    keys.set(this.keys);
    ids.set(this.ids);
    this.keys = keys;
    this.ids = ids;
  }
}

/**
 * A binary min-heap of jobs ordered by (key, job): a small integer key, ties by job number. The scheduler's jobs
 * sort by deadline, urgency and number; as two integers the order needs no key beyond 2^31, so no key is ever a
 * boxed number (a double passed to a call or returned from one that is not inlined is a new heap object, a
 * million of them a run). The layout is PairHeap's with keys key × 2^32 + job: the same pushes and pops leave the
 * same array order, which `drain` follows.
 */
export class JobHeap {
  private keys = new Int32Array(16);
  private jobs = new Int32Array(16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The top job's key, or Infinity when empty. */
  topKey(): number {
    return this.count ? this.keys[0] : Infinity;
  }

  /** The top job, or -1 when empty. */
  topJob(): number {
    return this.count ? this.jobs[0] : -1;
  }

  /** Whether this heap's top comes before `other`'s (an empty heap's never does; anything comes before none). */
  topBefore(other: JobHeap): boolean {
    if (this.count === 0) return false;
    if (other.count === 0) return true;
    const k = this.keys[0];
    const o = other.keys[0];
    return k < o || (k === o && this.jobs[0] < other.jobs[0]);
  }

  clear(): void {
    this.count = 0;
  }

  /** Every job, in array order, emptying the heap: for when all of them are taken at once. */
  drain(take: (job: number) => void): void {
    for (let i = 0; i < this.count; i++) take(this.jobs[i]);
    this.count = 0;
  }

  push(key: number, job: number): void {
    if (this.count === this.keys.length) this.grow();
    const { keys, jobs } = this;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent];
      if (pk < key || (pk === key && jobs[parent] < job)) break;
      keys[i] = pk;
      jobs[i] = jobs[parent];
      i = parent;
    }
    keys[i] = key;
    jobs[i] = job;
  }

  /** Removes the top job. */
  pop(): void {
    if (this.count === 0) return;
    const n = --this.count;
    if (n > 0) this.siftDown(this.keys[n], this.jobs[n]);
  }

  /** Removes the top job and returns it (-1 when empty). */
  take(): number {
    if (this.count === 0) return -1;
    const top = this.jobs[0];
    this.pop();
    return top;
  }

  /** The top replaced by (key, job), which must come after it: one sift down instead of a pop and a push. */
  replaceTop(key: number, job: number): void {
    this.siftDown(key, job);
  }

  private siftDown(key: number, job: number): void {
    const { keys, jobs } = this;
    const n = this.count;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (keys[right] < keys[child] || (keys[right] === keys[child] && jobs[right] < jobs[child])))
        child = right;
      const ck = keys[child];
      if (ck > key || (ck === key && jobs[child] > job)) break;
      keys[i] = ck;
      jobs[i] = jobs[child];
      i = child;
    }
    keys[i] = key;
    jobs[i] = job;
  }

  private grow(): void {
    const keys = new Int32Array(this.keys.length * 2);
    const jobs = new Int32Array(this.jobs.length * 2);
    keys.set(this.keys);
    jobs.set(this.jobs);
    this.keys = keys;
    this.jobs = jobs;
  }
}
