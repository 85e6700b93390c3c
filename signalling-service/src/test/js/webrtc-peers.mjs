// Two browser peers in headless Chromium that find each other only through signalling-service:
// each page loads the official socket.io-client browser build, joins the room, and the pair
// exchange offer, answer and ICE candidates until RTCPeerConnection reports 'connected'. Media
// stays on loopback (fake camera, only 127.0.0.1 candidates relayed).
//
//   node webrtc-peers.mjs <base-url> <token-a> <token-b> <room-id>
//
// Prints one JSON line: {ok, a: {state, relayed, framesDecoded}, b: {...}, errors: [...]}.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const [base, tokenA, tokenB, roomId] = process.argv.slice(2);
const client = await readFile(new URL('./node_modules/socket.io-client/dist/socket.io.min.js', import.meta.url));
const page = `<!doctype html><meta charset="utf-8"><script src="/socket.io.min.js"></script><script>
window.runPeer = ({ base, token, roomId, initiator }) => new Promise((resolve) => {
  const errors = [];
  const socket = io(base, { auth: { token } });
  const pc = new RTCPeerConnection({ iceServers: [] });
  let remote = null;
  let relayed = 0;
  const pending = [];
  const finish = (ok) => {
    const done = async () => {
      let framesDecoded = 0;
      (await pc.getStats()).forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') framesDecoded = s.framesDecoded || 0; });
      resolve({ ok, state: pc.connectionState, relayed, framesDecoded, transport: socket.io.engine && socket.io.engine.transport.name, errors });
    };
    done();
  };
  socket.on('connect_error', (e) => { errors.push('connect_error: ' + e.message); finish(false); });
  socket.on('error', (e) => errors.push('error: ' + JSON.stringify(e)));
  pc.onicecandidate = (e) => {
    if (!e.candidate || !e.candidate.candidate.includes(' 127.0.0.1 ')) return;   // keep media on loopback
    if (remote) { socket.emit('ice-candidate', { to: remote, candidate: e.candidate.toJSON() }); relayed++; }
    else pending.push(e.candidate.toJSON());
  };
  const flush = () => { pending.splice(0).forEach((c) => { socket.emit('ice-candidate', { to: remote, candidate: c }); relayed++; }); };
  pc.onconnectionstatechange = () => {
    if (pc.connectionState === 'connected') setTimeout(() => finish(true), 1500);   // let some frames arrive
    if (pc.connectionState === 'failed') finish(false);
  };
  pc.ontrack = (e) => { const v = document.createElement('video'); v.muted = true; v.srcObject = e.streams[0]; document.body.append(v); v.play().catch(() => {}); };
  socket.on('webrtc-offer', async (m) => {
    remote = m.from;
    await pc.setRemoteDescription(m.sdp);
    await pc.setLocalDescription(await pc.createAnswer());
    socket.emit('webrtc-answer', { to: remote, sdp: pc.localDescription.toJSON() });
    flush();
  });
  socket.on('webrtc-answer', async (m) => { await pc.setRemoteDescription(m.sdp); flush(); });
  socket.on('ice-candidate', async (m) => { try { await pc.addIceCandidate(m.candidate); } catch (e) { errors.push('addIceCandidate: ' + e); } });
  socket.on('peer-joined', async (m) => {
    if (!initiator) return;
    remote = m.participant_id;
    await pc.setLocalDescription(await pc.createOffer());
    socket.emit('webrtc-offer', { to: remote, sdp: pc.localDescription.toJSON() });
    flush();
  });
  socket.on('connect', async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
    stream.getTracks().forEach((t) => pc.addTrack(t, stream));
    const joined = await socket.timeout(10000).emitWithAck('join-room', { room_id: roomId });
    if (!joined.success) { errors.push('join: ' + JSON.stringify(joined)); finish(false); }
    window.joined = true;
  });
  setTimeout(() => finish(false), 40000);
});
</script>`;
const server = createServer((req, res) => {
  if (req.url === '/socket.io.min.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(client);
  else res.writeHead(200, { 'content-type': 'text/html' }).end(page);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));

let result = { ok: false, errors: [] };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--allow-loopback-in-peer-connection'],
});
try {
  const url = `http://localhost:${server.address().port}/`;
  const [pageA, pageB] = [await browser.newPage(), await browser.newPage()];
  await pageA.goto(url);
  await pageB.goto(url);
  const a = pageA.evaluate((args) => window.runPeer(args), { base, token: tokenA, roomId, initiator: true });
  await pageA.waitForFunction(() => window.joined === true, null, { timeout: 20000 });
  const b = pageB.evaluate((args) => window.runPeer(args), { base, token: tokenB, roomId, initiator: false });
  const [ra, rb] = await Promise.all([a, b]);
  result = { ok: ra.ok && rb.ok, a: ra, b: rb, errors: [...ra.errors, ...rb.errors] };
} catch (e) {
  result.errors.push(String(e));
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
