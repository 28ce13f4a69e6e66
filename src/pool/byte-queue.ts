/**
 * The bytes a request reader has been fed but not yet consumed, kept as
 * chunks and joined only when looked at. `total` counts every byte ever
 * pushed, consumed or not.
 */
export class ByteQueue {
  private chunks: Buffer[] = [];
  private size = 0;
  private seen = 0;

  /** Bytes held now. */
  get length(): number {
    return this.size;
  }

  /** Bytes pushed since the start. */
  get total(): number {
    return this.seen;
  }

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    this.seen += chunk.length;
  }

  /** Every byte held, as one buffer (joined once, then kept joined). */
  all(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks, this.size)];
    return this.chunks[0]!;
  }

  /** Removes and returns the first `n` bytes held (n ≤ length). */
  take(n: number): Buffer {
    const all = this.all();
    this.chunks = all.length > n ? [all.subarray(n)] : [];
    this.size -= n;
    return all.subarray(0, n);
  }
}
