/**
 * The one timer a forwarded request owns, for its connect, send and read
 * timeouts in turn. Moving the deadline is two assignments: the timer is
 * only replaced when the new deadline is earlier than the pending timer,
 * and a timer that fires before the (moved) deadline re-arms itself for the
 * time left. With equal timeouts (nginx's 60 s defaults) a request creates
 * exactly one timer, whatever the number of phases and reads, where a
 * `clearTimeout` + `setTimeout` per phase and per read would create many.
 */
export class Deadline {
  private timer: NodeJS.Timeout | undefined;
  /** performance.now() at which the pending timer fires. */
  private firesAt = Infinity;
  /** performance.now() at which the request times out; Infinity while suspended. */
  private at = Infinity;
  private doing = '';

  /** `onExpire(doing)` runs once the deadline passes, with the `doing` of the last `set`. */
  constructor(private readonly onExpire: (doing: string) => void) {}

  /** The request times out `ms` from now unless moved again; `doing` names the phase. */
  set(ms: number, doing: string): void {
    const now = performance.now();
    this.at = now + ms;
    this.doing = doing;
    if (this.timer === undefined || this.at < this.firesAt) this.arm(now, ms);
  }

  /** No timeout runs until the next `set` (the client is not reading). */
  suspend(): void {
    this.at = Infinity;
  }

  /** Cancels the timer for good (the request is over). */
  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.at = Infinity;
  }

  private arm(now: number, ms: number): void {
    clearTimeout(this.timer);
    this.firesAt = now + ms;
    this.timer = setTimeout(this.fire, ms);
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    if (this.at === Infinity) return;
    const now = performance.now();
    // Node's timers count from the loop's cached clock, so one may fire a little early; 1 ms of slack avoids a needless re-arm.
    if (this.at - now > 1) return this.arm(now, this.at - now);
    this.onExpire(this.doing);
  };
}
