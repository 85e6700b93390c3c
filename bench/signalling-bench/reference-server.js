'use strict';
// The reference: Node socket.io 4.8 doing the relay the bench measures, nothing else (no tokens, no
// database). join-room puts the socket in a socket.io room and answers with participant id =
// socket.id; webrtc-offer, webrtc-answer and ice-candidate go to the target socket only, with `from`
// set, the other fields copied through, and an ack like signalling-service's.
//   node reference-server.js PORT
const { createServer } = require('http');
const { Server } = require('socket.io');

const port = Number(process.argv[2] || 18090);
const httpServer = createServer();
const io = new Server(httpServer, { transports: ['websocket'], serveClient: false });

io.on('connection', (socket) => {
  socket.on('join-room', (payload, ack) => {
    const room = payload && payload.room_id;
    if (typeof room !== 'string') return typeof ack === 'function' && ack({ ok: false });
    socket.join(room);
    socket.data.room = room;
    const participants = [...(io.sockets.adapter.rooms.get(room) || [])].map((id) => ({ participant_id: id }));
    const joined = { success: true, room_id: room, participant_id: socket.id, participants };
    socket.emit('joined-room', joined);
    socket.to(room).emit('peer-joined', { participant_id: socket.id, room_id: room });
    if (typeof ack === 'function') ack(joined);
  });
  for (const event of ['webrtc-offer', 'webrtc-answer', 'ice-candidate']) {
    socket.on(event, (payload, ack) => {
      const target = payload && io.sockets.sockets.get(payload.to);
      if (!target || target.data.room !== socket.data.room) {
        return typeof ack === 'function' && ack({ ok: false, error: { code: 'participant_not_found' } });
      }
      target.emit(event, { ...payload, from: socket.id, room_id: socket.data.room, type: event });
      if (typeof ack === 'function') ack({ ok: true });
    });
  }
});

httpServer.listen(port, '127.0.0.1', () => console.log(`reference socket.io server on 127.0.0.1:${port}`));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
