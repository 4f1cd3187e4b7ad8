/** Constants of the capacity pass (capacity/index.ts) and its systems. */

/**
 * The one latency cap, on a node's whole latency (mean and quantiles): an hour. A hung node
 * (dependency-outage "timeouts") sits at it, so every caller times out first; a collapsing node's
 * queue / throughput could otherwise report days. Bounded queues stay far below it.
 */
export const LATENCY_CAP = 3600;
/** CFS period: throttled work waits for the next one. */
export const CFS_PERIOD = 0.1;
/** A call the callee turns away (429, 503, queue full) costs one round trip, not its latency. */
export const REJECT_SECONDS = 0.001;
/** Memory a replica spends per in-flight request (buffers, stacks). */
export const MB_PER_INFLIGHT = 0.2;

export const LN_HALF = Math.log(0.5);
export const LN_5P = Math.log(0.05);
export const LN_1P = Math.log(0.01);
/** 0.01 * exp(x) < 1e-12 for every x below this (exp(-23.1) = 9.3e-11): the far tail is 0 without exp. */
export const TAIL_CUTOFF = -23.1;

/** Tails 1 - q of the reported quantiles q = 0.5, 0.95, 0.99, and their logs (constant per level). */
export const TAIL = Float64Array.of(1 - 0.5, 1 - 0.95, 1 - 0.99);
export const LN_TAIL = TAIL.map((x) => Math.log(x));
export const LN_HALF_TAIL = TAIL.map((x) => Math.log(x / 2));
/** Standard normal quantiles of the reported levels 0.5, 0.95, 0.99. */
export const Z_LEVEL = Float64Array.of(0, 1.6448536269514722, 2.3263478740408408);
