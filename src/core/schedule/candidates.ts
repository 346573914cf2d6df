import type { BilingualText } from "../types";
import { CALLBACK_KINDS, type CallbackKind } from "./types";

/**
 * Each kind's number in the `kind` column (its place in CALLBACK_KINDS). The rules push a million candidates a
 * run and name the kind as a constant (`KIND.periodic`), which the compiler reads once, not once per push.
 */
export const KIND: Readonly<Record<CallbackKind, number>> = Object.freeze(
  Object.fromEntries(CALLBACK_KINDS.map((k, i) => [k, i])) as Record<CallbackKind, number>,
);

/**
 * The windows the rules produced for a period, one column per field. A year of 100,000 customers is over a
 * million of them: columns of numbers keep that from being a million objects for the garbage collector.
 */
export class Candidates {
  size = 0;

  /** `expected`: room to start with (growing copies every column). */
  constructor(expected = 1024) {
    const n = Math.max(1024, expected);
    this.index = new Int32Array(n);
    this.kind = new Uint8Array(n);
    this.from = new Int32Array(n);
    this.to = new Int32Array(n);
    this.release = new Int32Array(n);
    this.lastDay = new Int32Array(n);
    this.purpose = new Array<BilingualText>(n);
  }

  /** Index of the customer in the records. */
  index: Int32Array;
  kind: Uint8Array;
  /** The due window, day numbers. */
  from: Int32Array;
  to: Int32Array;
  /** First and last working day the call may be made on. */
  release: Int32Array;
  lastDay: Int32Array;
  /** Shared among the entries with the same purpose line. */
  purpose: BilingualText[];

  /** `kind`: a number from KIND. */
  push(
    index: number,
    kind: number,
    from: number,
    to: number,
    release: number,
    lastDay: number,
    purpose: BilingualText,
  ): void {
    if (this.size === this.index.length) this.grow();
    const i = this.size++;
    this.index[i] = index;
    this.kind[i] = kind;
    this.from[i] = from;
    this.to[i] = to;
    this.release[i] = release;
    this.lastDay[i] = lastDay;
    this.purpose[i] = purpose;
  }

  kindOf(i: number): CallbackKind {
    return CALLBACK_KINDS[this.kind[i]];
  }

  private grow(): void {
    const size = this.index.length * 2;
    const widen = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.index = widen(this.index, (n) => new Int32Array(n));
    this.kind = widen(this.kind, (n) => new Uint8Array(n));
    this.from = widen(this.from, (n) => new Int32Array(n));
    this.to = widen(this.to, (n) => new Int32Array(n));
    this.release = widen(this.release, (n) => new Int32Array(n));
    this.lastDay = widen(this.lastDay, (n) => new Int32Array(n));
  }
}
