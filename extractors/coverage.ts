/**
 * Which characters of a text are already claimed by a mention, so that overlap checks cost the length of the span
 * asked about rather than the number of mentions so far: a 10 MB one-line file has hundreds of thousands of them.
 */
export class Coverage {
  private readonly claimed: Uint8Array;

  constructor(length: number) {
    this.claimed = new Uint8Array(length);
  }

  isFree(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.claimed[i]) return false;
    return true;
  }

  claim(start: number, end: number): void {
    this.claimed.fill(1, start, end);
  }
}

/** Index of the first item starting at or after `at`, in items sorted by start (binary search). */
export function firstStartingAt(items: readonly { start: number }[], at: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
