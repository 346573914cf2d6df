/**
 * A binary min-heap of (key, id) pairs: the scheduler takes the call with the earliest deadline first among
 * hundreds of thousands, and the least-loaded colleague among a few hundred. Keys and ids sit in typed arrays
 * that double when full, so pushing and popping never goes through a JS array's growing and shrinking.
 *
 * Where several pairs share the smallest key, which one is on top depends on the order of pushes and pops (the
 * classic array layout, sift up on push, last element sifted down on pop); `drain` gives the ids in array order.
 * Callers that rely on either keep getting the same answers as long as this layout stays as it is.
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

  /** Every id, in array order, emptying the heap: for when all of them are taken at once. */
  drain(take: (id: number) => void): void {
    for (let i = 0; i < this.count; i++) take(this.ids[i]);
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

  /** Removes the top id and returns it (-1 when empty). */
  take(): number {
    if (this.count === 0) return -1;
    const top = this.ids[0];
    this.pop();
    return top;
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
