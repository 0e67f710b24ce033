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
