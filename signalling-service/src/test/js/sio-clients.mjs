// Two clients of the official socket.io-client 4.x in a live class, as a frontend drives them:
// connect (with and without a token), join, relay offer/answer/candidates, list, chat, unknown
// events with acknowledgements, and a disconnect the other one sees.
//
//   node sio-clients.mjs <base-url> <token-a> <token-b> <room-id> <default|websocket>
//
// Prints one JSON line: {ok, error?, steps: {...what each step observed}}.

import { io } from 'socket.io-client';

const [base, tokenA, tokenB, roomId, mode] = process.argv.slice(2);
const options = mode === 'websocket' ? { transports: ['websocket'] } : {};
const steps = {};
const sockets = [];

function connect(token) {
  const socket = io(base, { ...options, auth: token ? { token } : undefined, reconnection: false, timeout: 10000 });
  socket.firstTransport = null;
  socket.io.once('open', () => { socket.firstTransport = socket.io.engine.transport.name; });
  sockets.push(socket);
  return socket;
}

function next(socket, event, timeoutMs = 10000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload) => { clearTimeout(timer); resolve(payload); });
  });
}

function waitFor(socket, event, predicate, timeoutMs = 10000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching '${event}' within ${timeoutMs} ms`)), timeoutMs);
    const handler = (payload) => {
      if (predicate(payload)) { clearTimeout(timer); socket.off(event, handler); resolve(payload); }
    };
    socket.on(event, handler);
  });
}

let ok = false;
let failure;
try {
  // no token: refused with a connect_error that says why
  const anonymous = connect(null);
  const refused = await next(anonymous, 'connect_error');
  steps.unauthenticated = { message: refused.message, data: refused.data ?? null };
  anonymous.close();

  const a = connect(tokenA);
  const b = connect(tokenB);
  await Promise.all([next(a, 'connect'), next(b, 'connect')]);
  steps.connected = { a: a.id, b: b.id, transport: a.firstTransport };

  const aJoinedEvent = next(a, 'joined-room');
  const joinedA = await a.timeout(10000).emitWithAck('join-room', { room_id: roomId, room_name: 'Algebra live' });
  steps.joinedA = { ack: joinedA, event: await aJoinedEvent };

  const peerJoined = next(a, 'peer-joined');
  const legacyPeerJoined = next(a, 'peerJoined');
  const joinedB = await b.timeout(10000).emitWithAck('join-room', { roomId });   // camelCase, as older frontends send it
  steps.joinedB = joinedB;
  steps.peerJoined = await peerJoined;
  steps.legacyPeerJoined = await legacyPeerJoined;

  const offerAtB = next(b, 'webrtc-offer');
  steps.offerAck = await a.timeout(10000).emitWithAck('webrtc-offer',
    { to: joinedB.participant_id, from: 'forged', sdp: { type: 'offer', sdp: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n' } });
  steps.offer = await offerAtB;

  const answerAtA = next(a, 'webrtc-answer');
  b.emit('webrtc-answer', { to: joinedA.participant_id, sdp: { type: 'answer', sdp: 'v=0\r\n' } });
  steps.answer = await answerAtA;

  const candidateAtA = next(a, 'ice-candidate');
  b.emit('ice-candidate', { to: joinedA.participant_id, candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host', sdpMid: '0' } });
  steps.candidate = await candidateAtA;

  const list = next(a, 'participants-list');
  await a.timeout(10000).emitWithAck('get-participants', { room_id: roomId });
  steps.participants = await list;

  const chatAtB = next(b, 'chat-message');
  steps.chatAck = await a.timeout(10000).emitWithAck('chat-message', { text: '  Hello class  ' });
  steps.chat = await chatAtB;

  const errorEvent = next(a, 'error');
  steps.unknownAck = await a.timeout(10000).emitWithAck('no-such-event', { x: 1 });
  steps.unknownError = await errorEvent;

  steps.relayToSelf = await a.timeout(10000).emitWithAck('webrtc-offer', { to: joinedA.participant_id, sdp: 'x' });

  const peerLeft = waitFor(a, 'peer-left', (p) => p.participant_id === joinedB.participant_id);
  b.disconnect();
  steps.peerLeft = await peerLeft;
  steps.finalTransport = a.io.engine.transport.name;
  ok = true;
} catch (e) {
  failure = String(e && e.stack || e);
} finally {
  sockets.forEach((s) => s.close());
}
console.log(JSON.stringify({ ok, error: failure, steps }));
process.exit(ok ? 0 : 1);
