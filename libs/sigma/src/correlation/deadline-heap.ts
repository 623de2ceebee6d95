/**
 * A binary min-heap of (deadline, item). The engine pushes a group when its window may need
 * closing or expiring at a deadline, and checks on pop whether the entry is still current
 * (lazy deletion), so updating a group costs nothing until its deadline comes.
 */
export class DeadlineHeap<T> {
  private readonly deadlines: number[] = [];
  private readonly items: T[] = [];

  get size(): number {
    return this.deadlines.length;
  }

  /** Smallest deadline, or Infinity when empty. */
  peek(): number {
    return this.deadlines.length > 0 ? (this.deadlines[0] as number) : Infinity;
  }

  push(deadline: number, item: T): void {
    let i = this.deadlines.length;
    this.deadlines.push(deadline);
    this.items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((this.deadlines[parent] as number) <= deadline) break;
      this.move(parent, i);
      i = parent;
    }
    this.deadlines[i] = deadline;
    this.items[i] = item;
  }

  /** Removes the entry with the smallest deadline; undefined when empty. */
  pop(): { deadline: number; item: T } | undefined {
    const n = this.deadlines.length;
    if (n === 0) return undefined;
    const top = { deadline: this.deadlines[0] as number, item: this.items[0] as T };
    const lastD = this.deadlines.pop() as number;
    const lastI = this.items.pop() as T;
    if (n > 1) this.siftDown(lastD, lastI);
    return top;
  }

  clear(): void {
    this.deadlines.length = 0;
    this.items.length = 0;
  }

  private siftDown(d: number, item: T): void {
    const n = this.deadlines.length;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && (this.deadlines[child + 1] as number) < (this.deadlines[child] as number)) child++;
      if ((this.deadlines[child] as number) >= d) break;
      this.move(child, i);
      i = child;
    }
    this.deadlines[i] = d;
    this.items[i] = item;
  }

  private move(from: number, to: number): void {
    this.deadlines[to] = this.deadlines[from] as number;
    this.items[to] = this.items[from] as T;
  }
}
