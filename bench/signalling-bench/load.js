'use strict';
// Load generator of bench/signalling-bench.sh: the official socket.io-client (websocket transport),
// or with CLIENT=raw the same protocol over `ws` (see RawSocket below), run in PROCS worker
// processes (child_process.fork) that a parent coordinates. The bench's default relay client is
// RelayLoad.java; this one serves CLIENT=raw and CLIENT=socket.io-client, and part 2 (idle). Every room lives in
// one worker, so sender and receiver of a relay share one process clock (performance.now()).
//
//   node load.js relay URL KEYDIR   env: ROOMS PEERS PROCS MODES(closed,paced) INFLIGHT RATE WARMUP
//                                        DURATION MAX_PER_PEER JOIN_TIMEOUT SERVER_LABEL
//   node load.js idle  URL KEYDIR   env: CONNECTIONS PROCS HOLD CONNECT_TIMEOUT
//
// relay: ROOMS rooms of PEERS peers join (the first of each room with an instructor token, the
// others with student tokens); once every peer of every worker has joined, all start together.
// Each peer sends to the other peers of its room in turn, the pattern repeating every 10 messages:
// one webrtc-offer (1.5 KB SDP), one webrtc-answer (1.5 KB SDP), eight ice-candidate (~100 B), each
// with an ack and the send time `t`. Mode closed keeps INFLIGHT unacknowledged messages per peer
// (saturation: the server sets the pace); mode paced sends RATE messages a second per peer (the
// same offered load for every server); MODES runs them one after the other on the same peers.
// Counted: deliveries received in the window
// [WARMUP, WARMUP + DURATION] seconds after the start, and their latency (receive - send). Sending
// stops at the window's end or after MAX_PER_PEER messages of one peer, whichever comes first.
// The parent prints one JSON line per mode: {rate, p50, p90, p99, max, sent, lost, errors, ...}, with
// server_cpu (cores the process SERVER_PID used in the window) and machine_busy (% of all cores).
//
// idle: CONNECTIONS authenticated connections (student tokens, one user each), no room; prints
// ALL_CONNECTED once all are up, holds them HOLD seconds (through the server's pings), then prints
// how many were still connected.
const { fork } = require('child_process');
const { performance } = require('perf_hooks');
const { io } = require('socket.io-client');
const { signer } = require('./jwt.js');

const env = (name, def) => (process.env[name] === undefined || process.env[name] === '' ? def : process.env[name]);
const num = (name, def) => Number(env(name, def));
const [, , command, url, keyDir] = process.argv;

const SDP = 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n'
  + 'a=group:BUNDLE 0 1\r\n'.padEnd(1400, 'a=extmap-allow-mixed\r\n') + '\r\n';
const CANDIDATE = 'candidate:842163049 1 udp 1677729535 203.0.113.17 46154 typ srflx raddr 10.0.0.2 rport 46154 generation 0';
// the raw client's fixed parts of each message: [event, the JSON members between `to` and `seq`]
const OFFER_TEXT = ['webrtc-offer', `"sdp":${JSON.stringify({ type: 'offer', sdp: SDP })}`];
const ANSWER_TEXT = ['webrtc-answer', `"sdp":${JSON.stringify({ type: 'answer', sdp: SDP })}`];
const CANDIDATE_TEXT = ['ice-candidate', `"candidate":${JSON.stringify({ candidate: CANDIDATE, sdpMid: '0', sdpMLineIndex: 0 })}`];

// CLIENT=raw: the same protocol spoken directly over the `ws` WebSocket client that socket.io-client
// itself uses underneath (Engine.IO v4 WebSocket transport, Socket.IO v5 packets written and read as
// text): the CONNECT with `auth: {token}`, pings answered, events with ack ids, acks matched by id.
// A relayed event's send time `t` is read from its text without parsing the 1.5 KB SDP around it.
// It costs the client a fraction of socket.io-client's CPU per message, so that on a machine whose
// cores the load generator shares with the server, the servers and not the clients set the pace.
class RawSocket {
  constructor(ws) {
    this.ws = ws; this.acks = new Map(); this.nextId = 0; this.handlers = new Map(); this.open = false;
    ws.on('message', (data) => this.receive(data.toString()));
    ws.on('close', () => { this.open = false; });
    ws.on('error', () => { this.open = false; });
  }

  get connected() { return this.open && this.ws.readyState === 1; }

  receive(text) {
    if (text === '2') { this.ws.send('3'); return; }
    if (text.startsWith('42')) {
      const end = text.indexOf('"', 4);
      const handler = this.handlers.get(text.slice(4, end));
      if (handler) handler(RawSocket.payload(text));
    } else if (text.startsWith('43')) {
      const bracket = text.indexOf('[');
      const id = Number(text.slice(2, bracket));
      const ack = this.acks.get(id);
      if (ack) { this.acks.delete(id); ack(text.endsWith('[{"ok":true}]') ? RawSocket.OK : JSON.parse(text.slice(bracket))[0]); }
    } else if (text.startsWith('40')) {
      this.open = true; if (this.onConnect) this.onConnect();
    } else if (text.startsWith('44')) {
      if (this.onConnectError) this.onConnectError(new Error(text.slice(2)));
    } else if (text === '41' || text === '1') {
      this.open = false;
    }
  }

  static payload(text) {
    const at = text.lastIndexOf(',"t":');
    return at >= 0 ? { t: parseFloat(text.slice(at + 5)) } : JSON.parse(text.slice(2))[1];
  }

  emit(event, payload, ack) {
    let head = '42';
    if (ack) { const id = this.nextId++; this.acks.set(id, ack); head += id; }
    // a payload given as text is already JSON (the relay's messages); anything else is serialised
    this.ws.send(`${head}["${event}",${typeof payload === 'string' ? payload : JSON.stringify(payload)}]`);
  }

  on(event, handler) { this.handlers.set(event, handler); }

  off(event) { this.handlers.delete(event); }

  close() { this.open = false; this.ws.close(); }
}
RawSocket.OK = Object.freeze({ ok: true });

function connectRaw(token, timeoutMs) {
  const WebSocket = require('ws');
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws').replace(/\/$/, '')}/socket.io/?EIO=4&transport=websocket`);
    const socket = new RawSocket(ws);
    const timer = setTimeout(() => { ws.terminate(); reject(new Error('connect timeout')); }, timeoutMs);
    socket.onConnect = () => { clearTimeout(timer); resolve(socket); };
    socket.onConnectError = (e) => { clearTimeout(timer); ws.terminate(); reject(e); };
    ws.once('error', (e) => { clearTimeout(timer); reject(e); });
    // the Engine.IO open packet comes first; then the Socket.IO CONNECT carries the token
    ws.once('message', () => ws.send(`40${JSON.stringify({ token })}`));
  });
}

function connect(token, timeoutMs) {
  if (env('CLIENT', 'socket.io-client') === 'raw') return connectRaw(token, timeoutMs);
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], auth: { token }, reconnection: false, timeout: timeoutMs, forceNew: true });
    const timer = setTimeout(() => { socket.close(); reject(new Error('connect timeout')); }, timeoutMs);
    socket.once('connect', () => { clearTimeout(timer); resolve(socket); });
    socket.once('connect_error', (e) => { clearTimeout(timer); socket.close(); reject(e); });
  });
}

function emitAck(socket, event, payload, timeoutMs) {
  if (socket instanceof RawSocket) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${event}`)), timeoutMs);
      socket.emit(event, payload, (reply) => { clearTimeout(timer); resolve(reply); });
    });
  }
  return new Promise((resolve, reject) => {
    socket.timeout(timeoutMs).emit(event, payload, (err, reply) => (err ? reject(err) : resolve(reply)));
  });
}

async function pool(items, concurrency, fn) {
  let next = 0;
  const run = async () => { while (next < items.length) { const i = next++; await fn(items[i], i); } };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, run));
}

function percentile(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

// ---------------------------------------------------------------------------------------------
// workers

async function relayWorker(rooms) {
  const sign = signer(keyDir);
  const peers = PEERS_FROM_ENV();
  const joinTimeout = num('JOIN_TIMEOUT', 120) * 1000;
  const all = [];
  const roomIds = Array.from({ length: rooms }, () => require('crypto').randomUUID());
  // join: rooms in parallel (50 at a time), the peers of one room one after the other
  await pool(roomIds, 50, async (roomId) => {
    const members = [];
    for (let p = 0; p < peers; p++) {
      const socket = await connect(sign({ role: p === 0 ? 'instructor' : 'student' }), joinTimeout);
      const reply = await emitAck(socket, 'join-room', { room_id: roomId }, joinTimeout);
      if (!reply || reply.success !== true || !reply.participant_id) {
        throw new Error(`join-room failed: ${JSON.stringify(reply)}`);
      }
      members.push({ socket, id: String(reply.participant_id), roomId, ids: (reply.participants || []).map((x) => String(x.participant_id)) });
    }
    const ids = members.map((m) => m.id);
    const last = members[members.length - 1].ids;
    if (ids.some((id) => !last.includes(id))) throw new Error(`the last joiner's participant list lacks peers: ${last} vs ${ids}`);
    for (const m of members) { m.targets = ids.filter((id) => id !== m.id); all.push(m); }
  });
  return all;
}

function PEERS_FROM_ENV() { return num('PEERS', 4); }

async function runRelay(members, go) {
  const { mode } = go;
  const inflight = num('INFLIGHT', 4);
  const rate = num('RATE', 10);
  const warmup = num('WARMUP', 3) * 1000;
  const duration = num('DURATION', 10) * 1000;
  const maxPerPeer = num('MAX_PER_PEER', 100000);
  const start = performance.now() + Math.max(0, go.startAt - Date.now());
  const windowStart = start + warmup;
  const windowEnd = windowStart + duration;
  const latencies = [];
  let delivered = 0; let deliveredInWindow = 0; let sent = 0; let acked = 0; let errors = 0; let firstError = null;
  const onRelay = (payload) => {
    const now = performance.now();
    delivered++;
    if (now >= windowStart && now < windowEnd && typeof payload.t === 'number' && payload.t >= start) {
      deliveredInWindow++;
      latencies.push(now - payload.t);
    }
  };
  for (const m of members) {
    for (const event of ['webrtc-offer', 'webrtc-answer', 'ice-candidate']) m.socket.on(event, onRelay);
    m.sent = 0; m.outstanding = 0; m.seq = 0; m.finished = false;
  }
  const message = (m) => {
    const k = m.seq++;
    const to = m.targets[k % m.targets.length];
    const kind = k % 10;
    if (m.socket instanceof RawSocket) { // the same objects, written as text without JSON.stringify
      const fixed = kind === 0 ? OFFER_TEXT : kind === 1 ? ANSWER_TEXT : CANDIDATE_TEXT;
      return [fixed[0], `{"to":"${to}",${fixed[1]},"seq":${k},"t":${performance.now()}}`];
    }
    if (kind === 0) return ['webrtc-offer', { to, sdp: { type: 'offer', sdp: SDP }, seq: k, t: performance.now() }];
    if (kind === 1) return ['webrtc-answer', { to, sdp: { type: 'answer', sdp: SDP }, seq: k, t: performance.now() }];
    return ['ice-candidate', { to, candidate: { candidate: CANDIDATE, sdpMid: '0', sdpMLineIndex: 0 }, seq: k, t: performance.now() }];
  };
  const open = () => performance.now() < windowEnd;
  let resolveDone;
  const done = new Promise((r) => { resolveDone = r; });
  let active = members.length;
  const finish = (m) => { if (!m.finished && m.outstanding === 0 && (!open() || m.sent >= maxPerPeer)) { m.finished = true; if (--active === 0) resolveDone(); } };
  const send = (m) => {
    const [event, payload] = message(m);
    m.sent++; sent++; m.outstanding++;
    m.socket.emit(event, payload, (reply) => {
      m.outstanding--; acked++;
      if (!reply || reply.ok !== true) { errors++; if (!firstError) firstError = reply; }
      if (mode === 'closed' && open() && m.sent < maxPerPeer) send(m); else finish(m);
    });
  };
  await new Promise((r) => setTimeout(r, Math.max(0, start - performance.now())));
  let ticker = null;
  if (mode === 'closed') {
    for (const m of members) for (let i = 0; i < inflight && m.sent < maxPerPeer; i++) send(m);
  } else {
    // paced: peer i sends its k-th message at start + (k + i / n) / rate seconds
    const n = members.length;
    ticker = setInterval(() => {
      const now = performance.now();
      const stop = !open();
      for (let i = 0; i < n; i++) {
        const m = members[i];
        if (stop || m.sent >= maxPerPeer) { finish(m); continue; }
        const due = Math.floor(((now - start) / 1000) * rate - i / n) + 1;
        while (m.sent < due && m.sent < maxPerPeer) send(m);
      }
    }, 1);
  }
  // bounded: the window, then at most 20 s for the last acks and deliveries
  const deadline = new Promise((r) => setTimeout(r, windowEnd - performance.now() + 20000));
  await Promise.race([done, deadline]);
  if (ticker) clearInterval(ticker);
  await new Promise((r) => setTimeout(r, 500)); // last deliveries after the last ack
  const unfinished = members.filter((m) => !m.finished).length;
  for (const m of members) for (const event of ['webrtc-offer', 'webrtc-answer', 'ice-candidate']) m.socket.off(event, onRelay);
  return { sent, acked, delivered, deliveredInWindow, errors, firstError, unfinished, latencies: Float64Array.from(latencies) };
}

async function idleWorker(count) {
  const sign = signer(keyDir);
  const timeout = num('CONNECT_TIMEOUT', 60) * 1000;
  const sockets = [];
  let failures = 0; let firstError = null;
  const tokens = Array.from({ length: count }, () => sign({ role: 'student' }));
  await pool(tokens, 100, async (token) => {
    try { sockets.push(await connect(token, timeout)); } catch (e) { failures++; if (!firstError) firstError = String(e && e.message); }
  });
  return { sockets, failures, firstError };
}

async function worker() {
  const send = (m) => new Promise((r) => process.send(m, r));
  const wait = (type) => new Promise((r) => { const h = (m) => { if (m.type === type) { process.off('message', h); r(m); } }; process.on('message', h); });
  const share = Number(process.env.SHARE);
  try {
    if (command === 'relay') {
      const members = await relayWorker(share);
      await send({ type: 'ready', peers: members.length });
      for (;;) {
        const go = await wait('go');
        if (!go.mode) break;
        const result = await runRelay(members, go);
        await send({ type: 'result', result });
      }
      for (const m of members) m.socket.close();
    } else {
      const { sockets, failures, firstError } = await idleWorker(share);
      await send({ type: 'ready', connected: sockets.length, failures, firstError });
      await wait('check');
      const still = sockets.filter((s) => s.connected).length;
      await send({ type: 'result', result: { still } });
      for (const s of sockets) s.close();
    }
  } catch (e) {
    await send({ type: 'error', error: String((e && e.stack) || e) });
  }
  setTimeout(() => process.exit(0), 200);
}

// ---------------------------------------------------------------------------------------------
// parent

const CLK_TCK = 100; // USER_HZ: 100 on Linux
function cpuSample() { // the server process's utime + stime, and the machine's busy and total ticks
  const fs = require('fs');
  let proc = 0;
  try { proc = fs.readFileSync(`/proc/${process.env.SERVER_PID}/stat`, 'utf8').split(') ')[1].split(' ').slice(11, 13).reduce((a, x) => a + Number(x), 0); } catch (e) { proc = NaN; }
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { at: Date.now(), proc, busy: f[0] + f[1] + f[2] + f[5] + f[6] + f[7], total: f.slice(0, 8).reduce((a, x) => a + x, 0) };
}

function split(total, parts) {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0)).filter((n) => n > 0);
}

async function parent() {
  const procs = num('PROCS', 2);
  const total = command === 'relay' ? num('ROOMS', 500) : num('CONNECTIONS', 10000);
  const overall = (command === 'relay' ? num('JOIN_TIMEOUT', 120) + (num('WARMUP', 3) + num('DURATION', 10) + 25) * env('MODES', 'closed,paced').split(',').length + 30 : num('CONNECT_TIMEOUT', 60) + num('HOLD', 30) + 60) * 1000;
  const killer = setTimeout(() => { console.error('load: overall time limit reached'); children.forEach((c) => c.kill()); process.exit(1); }, overall);
  const children = split(total, procs).map((share) => fork(__filename, process.argv.slice(2),
    { env: { ...process.env, LOAD_WORKER: '1', SHARE: String(share) }, serialization: 'advanced' }));
  const next = (child, type) => new Promise((resolve, reject) => {
    const h = (m) => {
      if (m.type === 'error') { child.off('message', h); reject(new Error(m.error)); }
      if (m.type === type) { child.off('message', h); resolve(m); }
    };
    child.on('message', h);
    child.once('exit', (code) => reject(new Error(`a worker exited (${code}) before '${type}'`)));
  });
  const fail = (e) => { console.error(`load: ${e.message}`); children.forEach((c) => c.kill()); process.exit(1); };
  const t0 = Date.now();
  const ready = await Promise.all(children.map((c) => next(c, 'ready'))).catch(fail);
  const setup = (Date.now() - t0) / 1000;
  if (command === 'relay') {
    const peers = ready.reduce((a, m) => a + m.peers, 0);
    console.error(`load: ${peers} peers in ${total} rooms joined in ${setup.toFixed(1)} s (${children.length} client processes)`);
    for (const mode of env('MODES', 'closed,paced').split(',')) {
      const results = children.map((c) => next(c, 'result'));
      const startAt = Date.now() + 500;
      children.forEach((c) => c.send({ type: 'go', mode, startAt }));
      const duration = num('DURATION', 10);
      let cpu0; let cpu1;
      setTimeout(() => { cpu0 = cpuSample(); }, startAt + num('WARMUP', 3) * 1000 - Date.now());
      setTimeout(() => { cpu1 = cpuSample(); }, startAt + (num('WARMUP', 3) + duration) * 1000 - Date.now());
      const parts = (await Promise.all(results).catch(fail)).map((m) => m.result);
      const lat = new Float64Array(parts.reduce((a, p) => a + p.latencies.length, 0));
      let o = 0; for (const p of parts) { lat.set(p.latencies, o); o += p.latencies.length; }
      lat.sort();
      const sum = (k) => parts.reduce((a, p) => a + p[k], 0);
      const out = {
        server: env('SERVER_LABEL', url), mode, peers, rooms: total, procs: children.length,
        join_seconds: +setup.toFixed(1), window_seconds: duration,
        delivered_in_window: sum('deliveredInWindow'), rate: Math.round(sum('deliveredInWindow') / duration),
        p50: +percentile(lat, 0.5)?.toFixed(2), p90: +percentile(lat, 0.9)?.toFixed(2),
        p99: +percentile(lat, 0.99)?.toFixed(2), max: +(lat.length ? lat[lat.length - 1] : 0).toFixed(2),
        sent: sum('sent'), acked: sum('acked'), delivered: sum('delivered'), lost: sum('sent') - sum('delivered'),
        errors: sum('errors'), unfinished: sum('unfinished'), first_error: parts.map((p) => p.firstError).find((x) => x) || null,
        server_cpu: cpu0 && cpu1 ? +((cpu1.proc - cpu0.proc) / CLK_TCK / ((cpu1.at - cpu0.at) / 1000)).toFixed(2) : null,
        machine_busy: cpu0 && cpu1 ? Math.round((100 * (cpu1.busy - cpu0.busy)) / (cpu1.total - cpu0.total)) : null,
      };
      console.log(JSON.stringify(out));
      await new Promise((r) => setTimeout(r, 1000));
    }
    children.forEach((c) => c.send({ type: 'go' }));
  } else {
    const connected = ready.reduce((a, m) => a + m.connected, 0);
    const failures = ready.reduce((a, m) => a + m.failures, 0);
    const firstError = ready.map((m) => m.firstError).find((x) => x);
    console.log(`ALL_CONNECTED ${connected} failures ${failures} seconds ${setup.toFixed(1)} procs ${children.length}${firstError ? ` first_error ${firstError}` : ''}`);
    await new Promise((r) => setTimeout(r, num('HOLD', 30) * 1000));
    const results = children.map((c) => next(c, 'result'));
    children.forEach((c) => c.send({ type: 'check' }));
    const still = (await Promise.all(results).catch(fail)).reduce((a, m) => a + m.result.still, 0);
    console.log(`STILL_CONNECTED ${still}`);
  }
  clearTimeout(killer);
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r)))));
}

if (process.env.LOAD_WORKER === '1') worker();
else if (command === 'relay' || command === 'idle') parent().catch((e) => { console.error(`load: ${e.stack || e}`); process.exit(1); });
else { console.error('usage: node load.js relay|idle URL KEYDIR'); process.exit(2); }
