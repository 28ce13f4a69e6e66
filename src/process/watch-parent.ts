/**
 * Makes a child process end when its parent does, even after `kill -9` of the
 * parent. Two signals are watched: the IPC channel closing ('disconnect'),
 * and the parent pid changing (re-parenting to init or a subreaper), which
 * is polled because a process blocked in synchronous work sees no events.
 * `parentGone()` is the cheap check for such blocking loops to call.
 */
const originalPpid = process.ppid;

export function parentGone(): boolean {
  return process.ppid !== originalPpid;
}

/** Calls `onGone` (default: exit 0) once when the parent disappears. */
export function watchParent(onGone: () => void = () => process.exit(0), pollMs = 250): void {
  let fired = false;
  const fire = (): void => {
    if (fired) return;
    fired = true;
    onGone();
  };
  if (process.connected) process.once('disconnect', fire);
  const timer = setInterval(() => {
    if (parentGone()) fire();
  }, pollMs);
  timer.unref();
}
