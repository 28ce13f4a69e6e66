import type { Target } from './make-result.js';

const ratioAtLeast = (x: number, peer: string): Target => ({
  text: `≥ ${x}× ${peer}`,
  needsPeer: true,
  met: (value, peerValue) => peerValue !== null && peerValue > 0 && value / peerValue >= x,
});

const atMost = (ms: number, strict = false): Target => ({
  text: `${strict ? '<' : '≤'} ${ms} ms`,
  needsPeer: false,
  met: (value) => (strict ? value < ms : value <= ms),
});

/** The targets (issue 8, "Targets"), one per figure that has one. */
export const TARGETS = Object.freeze({
  helloPool: ratioAtLeast(1.3, 'uWSGI + Django'),
  helloStack: ratioAtLeast(0.9, 'nginx → uWSGI → Django'),
  /** The aim, not its floor: "≥ 1.5× with proxyProcesses on a machine with spare cores". */
  helloStackProxyAuto: { ...ratioAtLeast(1.5, 'nginx → uWSGI → Django'), text: 'aim ≥ 1.5× nginx → uWSGI → Django (with spare cores)' },
  static: ratioAtLeast(0.35, 'nginx'),
  hopPool: atMost(0.05),
  hopProxy: atMost(0.3),
  burstBias: {
    text: "≤ the real stack's + 0.5 ms",
    needsPeer: true,
    met: (value: number, peerValue: number | null) => peerValue !== null && value <= peerValue + 0.5,
  } satisfies Target,
  openLagAt2000: atMost(1, true),
});
