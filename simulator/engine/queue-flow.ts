/**
 * One tick of a queueing node's state (service, database, cache, load balancer): the admitted
 * requests join the L already in the system, the servers work them off at the rate the stationary
 * M/M/c/K at that L allows (queue-state.ts), a full queue rejects. Servers come from this tick's
 * replicas; the hold time (own + downstream) and the CPU bound from the last capacity pass.
 */
import { SERVICE, type Model } from './compile';
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
  QSLOTS,
  step,
  THR,
  X,
} from './queue-state';
import type { State } from './state';

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
  const hold = st.hold[i]!;
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
    st.backlog[i] = l0 + joined;
    st.qBusy[i] = 0;
    st.rhoEff[i] = 0;
    st.pWait[i] = 1;
    st.pBlock[i] = room > 0 ? 0 : 1;
    st.procRate[i] = pulled;
    st.rejRate[i]! += adm - joined / dt + lost / dt;
    return;
  }
  // Integer servers for the M/M/c shape; the per-server rate keeps the capacity servers / hold.
  const n = servers >= 1 ? Math.floor(servers) : 1;
  io[LAM] = adm;
  io[L0] = l0;
  io[M1] = servers / (n * hold);
  io[CAP] = st.cpuCap[i]!;
  io[DT] = dt;
  io[QSLOTS] = qslots;
  io[X] = st.rhoEff[i]!;
  step(n);
  st.inSystem[i] = io[LNEW]!;
  st.rhoEff[i] = io[X]!;
  st.qBusy[i] = io[BUSY]!;
  st.backlog[i] = io[LQ]!;
  st.pWait[i] = io[PWAIT]!;
  st.pBlock[i] = io[PBLOCK]!;
  st.procRate[i] = io[THR]! + pulled;
  st.rejRate[i]! += adm - io[ADMIT]! + lost / dt;
}

/** A node that is down loses what it held: those requests fail. Returns nothing; adds to rejRate. */
export function dropQueue(st: State, i: number, dt: number): void {
  const l0 = st.inSystem[i]!;
  if (l0 > 0) st.rejRate[i]! += l0 / dt;
  st.inSystem[i] = 0;
  st.backlog[i] = 0;
  st.qBusy[i] = 0;
  st.rhoEff[i] = 0;
  st.pWait[i] = 0;
  st.pBlock[i] = 0;
  st.pulledBusy[i] = 0;
}
