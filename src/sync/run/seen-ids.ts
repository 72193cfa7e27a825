/**
 * The ids of users seen in this run, one bit each: "not seen" at the end of a 100k-user pass
 * costs 12.5 kB, not a set of 100k numbers.
 */
export class SeenIds {
  private bits = new Uint8Array(1024);
  private count = 0;

  add(id: number): void {
    if (!Number.isInteger(id) || id < 0) return;
    this.grow(id);
    const mask = 1 << (id & 7);
    if ((this.bits[id >> 3] & mask) === 0) this.count += 1;
    this.bits[id >> 3] |= mask;
  }

  has(id: number): boolean {
    if (!Number.isInteger(id) || id < 0 || id >> 3 >= this.bits.length) return false;
    return (this.bits[id >> 3] & (1 << (id & 7))) !== 0;
  }

  get size(): number {
    return this.count;
  }

  private grow(id: number): void {
    const needed = (id >> 3) + 1;
    if (needed <= this.bits.length) return;
    let length = this.bits.length;
    while (length < needed) length *= 2;
    const bigger = new Uint8Array(length);
    bigger.set(this.bits);
    this.bits = bigger;
  }
}
