/**
 * One tick of a queueing node's state (service, database, cache, load balancer): the admitted
 * requests join the L already in the system, the servers work them off at the rate the stationary
 * M/M/c/K at that L allows (queue-state.ts), a full queue rejects. Servers come from this tick's
 * replicas; the hold time (own + downstream) and the CPU bound from the last capacity pass.
 */
import { BAL_ROUND_ROBIN, SERVICE, type Model } from './compile';
import {
  ADMIT,
  BUSY,
  CAP,
  DT,
  io,
  L0,
  LAM,
  LNEW,
  LQ,
  M1,
  PBLOCK,
  PWAIT,
  QARR,
  QSLOTS,
  step,
  THR,
  V0,
  VNEW,
  X,
} from './queue-state';
import type { State } from './state';
import { ownTime } from './capacity/own-service';

/**
 * Node i. On entry `st.procRate[i]` holds the admitted rate (a double argument would be boxed);
 * on exit `st.procRate[i]` is the throughput and `st.rejRate[i]` has the rejections added.
 */
export function queueFlow(model: Model, st: State, i: number, dt: number): void {
  const service = model.kind[i] === SERVICE;
  const ready = st.ready[i]!;
  const allServers = service ? ready * model.concurrency[i]! : st.servers[i]!;
  if (service) st.servers[i] = allServers;
  const qslots = service ? model.queueLimit[i]! * ready : model.queueLimit[i]!;
  // The hold time of the last capacity pass with this tick's own service time (a fault that
  // starts or ends now changes the drain rate now; the downstream part is last tick's).
  ownTime(model, st, i);
  const held = st.hold[i]! + (st.sTick[i]! - st.holdS[i]!) * st.holdK[i]!;
  const hold = held > 0 ? held : st.hold[i]!;
  // Queue consumers pull only what their free threads can take (demand.ts hands out the spare
  // capacity): pulled jobs go straight into service and never wait here; requests share the rest.
  const taken = st.procRate[i]!;
  const input = service ? st.consumerInput[i]! : 0;
  const pulled = input < taken ? input : taken;
  const adm = taken - pulled;
  const pulledBusy = pulled * hold;
  st.pulledBusy[i] = pulledBusy;
  const servers = allServers - pulledBusy > 0 ? allServers - pulledBusy : 0;
  let l0 = st.inSystem[i]!;
  let lost = 0;
  // Fewer servers or slots than requests in the system (replicas died): the excess fails.
  const k = servers + qslots;
  if (l0 > k) {
    lost = l0 - k;
    l0 = k;
  }
  if (!(servers > 0) || !(hold > 0)) {
    // Nobody serves: arrivals wait in the queue until it is full.
    const room = qslots - l0 > 0 ? qslots - l0 : 0;
    const joined = adm * dt < room ? adm * dt : room;
    st.inSystem[i] = l0 + joined;
    st.nVar[i] = 0;
    st.backlog[i] = l0 + joined;
    st.qArr[i] = l0 + joined;
    st.qBusy[i] = 0;
    st.rhoEff[i] = 0;
    st.pWait[i] = 1;
    st.pBlock[i] = room > 0 ? 0 : 1;
    st.procRate[i] = pulled;
    st.rejRate[i]! += adm - joined / dt + lost / dt;
    return;
  }
  const bal = service ? model.balancer[i]! : 0;
  const odd = service ? st.fOddCount[i]! : 0;
  if (odd > 0 && odd < ready && !(pulled > 0)) {
    // Some replicas differ (replica-mix.ts): two groups, each with its own state.
    const oh = st.oHold[i]! > 0 ? st.oHold[i]! : hold;
    const normal = ready - odd;
    // Random and round-robin hand every replica its 1/r share whatever its speed; least-request
    // sends less to a slow replica: shares in proportion to capacity (equal utilisation).
    const w = bal !== 0 ? odd / ready : odd / oh / (odd / oh + normal / hold);
    st.oShare[i] = w;
    const cap = st.cpuCap[i]!;
    let lostO = 0;
    let l0o = st.oInSystem[i]!;
    const ko = (servers + qslots) * (odd / ready);
    if (l0o > ko) {
      lostO = l0o - ko;
      l0o = ko;
    }
    g[G_LAM] = adm * w;
    g[G_L0] = l0o;
    g[G_SERVERS] = (servers * odd) / ready;
    g[G_HOLD] = oh;
    g[G_CAP] = (cap * odd) / ready;
    g[G_Q] = (qslots * odd) / ready;
    g[G_REPS] = odd;
    g[G_X] = st.oRhoEff[i]!;
    g[G_V] = -1; // the odd group carries the mean alone
    groupStep(bal, dt);
    keepState(i, st.oInSystem, st.oRhoEff, st.oBusy, st.oBacklog, st.oPWait, st.oPBlock);
    const thrO = io[THR]!;
    const rejO = g[G_LAM]! - io[ADMIT]! + lostO / dt;
    g[G_LAM] = adm * (1 - w);
    g[G_L0] = l0;
    g[G_SERVERS] = (servers * normal) / ready;
    g[G_HOLD] = hold;
    g[G_CAP] = (cap * normal) / ready;
    g[G_Q] = (qslots * normal) / ready;
    g[G_REPS] = normal;
    g[G_X] = st.rhoEff[i]!;
    g[G_V] = st.nVar[i]!;
    groupStep(bal, dt);
    keepState(i, st.inSystem, st.rhoEff, st.qBusy, st.backlog, st.pWait, st.pBlock);
    st.nVar[i] = io[VNEW]!;
    st.qArr[i] = io[QARR]!;
    st.procRate[i] = io[THR]! + thrO;
    st.rejRate[i]! += g[G_LAM]! - io[ADMIT]! + lost / dt + rejO;
    return;
  }
  if (st.oInSystem[i]! > 0 || st.oShare[i]! > 0) {
    // The odd group is gone (fault over, replica replaced): its requests join the node's state.
    l0 += st.oInSystem[i]!;
    st.nVar[i] = 0; // two groups' requests: start from the stationary spread
    st.oInSystem[i] = 0;
    st.oBusy[i] = 0;
    st.oBacklog[i] = 0;
    st.oRhoEff[i] = 0;
    st.oShare[i] = 0;
  }
  g[G_LAM] = adm;
  g[G_L0] = l0;
  g[G_SERVERS] = servers;
  g[G_HOLD] = hold;
  g[G_CAP] = st.cpuCap[i]!;
  g[G_Q] = qslots;
  g[G_REPS] = ready;
  g[G_X] = st.rhoEff[i]!;
  // Pulled queue jobs take servers away at a rate of their own: the mean alone.
  g[G_V] = pulled > 0 ? -1 : st.nVar[i]!;
  groupStep(bal, dt);
  keepState(i, st.inSystem, st.rhoEff, st.qBusy, st.backlog, st.pWait, st.pBlock);
  st.nVar[i] = io[VNEW]!;
  st.qArr[i] = io[QARR]!;
  st.procRate[i] = io[THR]! + pulled;
  st.rejRate[i]! += adm - io[ADMIT]! + lost / dt;
}

/** A group's state after groupStep (in `io`) into its arrays at node i: the normal or the odd replicas'. */
function keepState(
  i: number,
  inSystem: Float64Array,
  rhoEff: Float64Array,
  busy: Float64Array,
  backlog: Float64Array,
  pWait: Float64Array,
  pBlock: Float64Array,
): void {
  inSystem[i] = io[LNEW]!;
  rhoEff[i] = io[X]!;
  busy[i] = io[BUSY]!;
  backlog[i] = io[LQ]!;
  pWait[i] = io[PWAIT]!;
  pBlock[i] = io[PBLOCK]!;
}

/** Inputs of groupStep (a group of replicas with one queue state), totals over the group. */
const G_LAM = 0; // admitted rate
const G_L0 = 1; // number in system
const G_SERVERS = 2;
const G_HOLD = 3;
const G_CAP = 4; // CPU throughput cap
const G_Q = 5; // queue slots
const G_REPS = 6; // replicas
const G_X = 7; // last utilisation (warm start)
const G_V = 8; // Var[N] of the group (0: stationary; < 0: the mean alone)
const g = new Float64Array(9);

/**
 * One step of a group's state into `io` (totals over the group). Least-request (bal 0) pools the
 * group: one M/M/(replicas x threads) queue. Random and round-robin give each replica its own
 * queue: identical replicas share one computation, M/M/c/K with c threads, K - c = queueLimit
 * and 1/r of the traffic (exact for random: splitting Poisson at random leaves Poisson), then
 * scaled by r. Round-robin feeds each replica every r-th arrival (Erlang-r gaps, ca^2 = 1/r):
 * the waiting count is the random one times Allen-Cunneen's (ca^2 + 1) / 2 with the
 * Kraemer-Langenbach-Belz factor exp(-2 (1 - x)(1 - ca^2)^2 / (3 x (ca^2 + 1))) for ca^2 < 1;
 * above x = 1 (bounded queue) the correction fades as 1 / x^2.
 */
function groupStep(bal: number, dt: number): void {
  const reps = g[G_REPS]!;
  const per = bal !== 0 && reps > 1 ? reps : 1;
  const servers = per === 1 ? g[G_SERVERS]! : g[G_SERVERS]! / per;
  // Integer servers for the M/M/c shape; the per-server rate keeps the capacity servers / hold.
  const n = servers >= 1 ? Math.floor(servers) : 1;
  io[LAM] = per === 1 ? g[G_LAM]! : g[G_LAM]! / per;
  io[L0] = per === 1 ? g[G_L0]! : g[G_L0]! / per;
  io[M1] = servers / (n * g[G_HOLD]!);
  io[CAP] = per === 1 ? g[G_CAP]! : g[G_CAP]! / per;
  io[DT] = dt;
  io[QSLOTS] = per === 1 ? g[G_Q]! : g[G_Q]! / per;
  io[X] = g[G_X]!;
  // Independent replicas: the variance of the total is r times a replica's.
  io[V0] = per === 1 || g[G_V]! <= 0 ? g[G_V]! : g[G_V]! / per;
  step(n);
  if (per === 1) return;
  let f = per;
  if (bal === BAL_ROUND_ROBIN) {
    const ca2 = 1 / per;
    const x = io[X]!;
    const d = 1 - ca2;
    const ac = 0.5 * (ca2 + 1);
    // Past saturation (a bounded queue) the correction fades as 1 / x^2: a full queue waits
    // Q / mu whatever the arrival pattern. Continuous at x = 1, where KLB's factor is 1.
    f =
      x >= 1
        ? per * (1 - (1 - ac) / (x * x))
        : x > 0
          ? per * ac * Math.exp((-2 * (1 - x) * d * d) / (3 * x * (ca2 + 1)))
          : 0;
  }
  io[BUSY]! *= per;
  io[LQ]! *= f;
  io[QARR]! *= f;
  io[VNEW]! *= per;
  io[THR]! *= per;
  io[LNEW]! *= per;
  io[ADMIT]! *= per;
}

/** A node that is down loses what it held: those requests fail. Returns nothing; adds to rejRate. */
export function dropQueue(st: State, i: number, dt: number): void {
  const l0 = st.inSystem[i]!;
  if (l0 > 0) st.rejRate[i]! += l0 / dt;
  st.inSystem[i] = 0;
  st.nVar[i] = 0;
  st.backlog[i] = 0;
  st.qArr[i] = 0;
  st.qBusy[i] = 0;
  st.rhoEff[i] = 0;
  st.pWait[i] = 0;
  st.pBlock[i] = 0;
  st.pulledBusy[i] = 0;
  st.oInSystem[i] = 0;
  st.oBusy[i] = 0;
  st.oBacklog[i] = 0;
  st.oRhoEff[i] = 0;
  st.oShare[i] = 0;
}
