import type { Socket } from 'node:net';

/** An accepted connection waiting for a worker. */
export interface QueuedConnection {
  readonly socket: Socket;
  /** Epoch ms at which the master accepted it. */
  readonly acceptedAtMs: number;
}

/**
 * The master's one FIFO listen queue, bounded like uWSGI's `listen`
 * (which there is the kernel's accept backlog). `offer` refuses a
 * connection once `capacity` are waiting; `requeue` puts one that could
 * not be handed to a worker back at the head, even when that briefly goes
 * one over capacity, because it had already been admitted.
 */
export class ListenQueue {
  private readonly items: QueuedConnection[] = [];

  constructor(readonly capacity: number) {}

  get length(): number {
    return this.items.length;
  }

  /** Appends `conn` and returns true, or returns false when the queue is full. */
  offer(conn: QueuedConnection): boolean {
    if (this.items.length >= this.capacity) return false;
    this.items.push(conn);
    return true;
  }

  /** Puts `conn` back at the head. */
  requeue(conn: QueuedConnection): void {
    this.items.unshift(conn);
  }

  /** Removes and returns the oldest connection, if any. */
  take(): QueuedConnection | undefined {
    return this.items.shift();
  }

  /** Removes and returns every waiting connection, oldest first. */
  takeAll(): QueuedConnection[] {
    return this.items.splice(0, this.items.length);
  }
}
