// Records the MediaRecorder fixtures under ../resources/mediarecorder/ once, in headless
// Chromium with its fake camera and microphone, and writes every chunk exactly as the
// browser handed it to `dataavailable` (chunk-000.webm, chunk-001.webm, ...) plus capture.json.
//
//   cd recording-service/src/test/js && npm ci && node record-fixture.mjs
//
// Environment: CHROMIUM (default /usr/bin/chromium).
// The fixtures are committed; this script is only run to re-make them.

import { createServer } from 'node:http';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const outRoot = join(here, '..', 'resources', 'mediarecorder');

// The fake microphone plays a beep once a second; keep it as it is (no echo cancellation,
// noise suppression or gain control, which would flatten it).
const RAW_AUDIO = { echoCancellation: false, noiseSuppression: false, autoGainControl: false };

const CAPTURES = [
  {
    dir: outRoot,
    mimeType: 'video/webm;codecs=vp8,opus',
    constraints: {
      audio: RAW_AUDIO,
      // 20 fps is what the fake camera produces; it cannot be asked for more without
      // changing its command-line switch.
      video: { width: { exact: 640 }, height: { exact: 360 }, frameRate: { exact: 20 } },
    },
    recorderOptions: { videoBitsPerSecond: 300000, audioBitsPerSecond: 32000 },
    timesliceMs: 250,
    durationMs: 4000,
  },
  {
    dir: join(outRoot, 'audio-only'),
    mimeType: 'audio/webm;codecs=opus',
    constraints: { audio: RAW_AUDIO, video: false },
    recorderOptions: { audioBitsPerSecond: 32000 },
    timesliceMs: 250,
    durationMs: 2000,
  },
];

// The page: record(spec) captures the fake stream and resolves with every chunk (base64)
// in delivery order plus timings taken in the page with performance.now().
const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>record-fixture</title>
<script>
function toBase64(buf) {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}
window.record = async (spec) => {
  if (!MediaRecorder.isTypeSupported(spec.mimeType)) {
    throw new Error('MediaRecorder does not support ' + spec.mimeType);
  }
  const stream = await navigator.mediaDevices.getUserMedia(spec.constraints);
  const tracks = stream.getTracks().map((t) => ({ kind: t.kind, label: t.label, settings: t.getSettings() }));
  const rec = new MediaRecorder(stream, Object.assign({ mimeType: spec.mimeType }, spec.recorderOptions));
  const events = [];
  let startedAt = null;
  let stoppedAt = null;
  const done = new Promise((resolve, reject) => {
    rec.ondataavailable = (e) => {
      events.push({
        blob: e.data,
        size: e.data.size,
        type: e.data.type,
        timecode: typeof e.timecode === 'number' ? e.timecode : null,
        page_ms: performance.now(),
        recorder_state: rec.state,
      });
    };
    rec.onstart = () => { startedAt = performance.now(); };
    rec.onstop = () => { stoppedAt = performance.now(); resolve(); };
    rec.onerror = (e) => reject(new Error('MediaRecorder error: ' + (e.error ? e.error.message : e.type)));
  });
  rec.start(spec.timesliceMs);
  await new Promise((r) => setTimeout(r, spec.durationMs));
  rec.stop();
  await done;
  stream.getTracks().forEach((t) => t.stop());
  const chunks = [];
  for (const ev of events) {
    const data = toBase64(await ev.blob.arrayBuffer());
    chunks.push({
      data,
      size: ev.size,
      type: ev.type,
      timecode: ev.timecode,
      after_start_ms: ev.page_ms - startedAt,
      // The chunk that stop() flushes arrives while the recorder is already inactive.
      after_stop_call: ev.recorder_state === 'inactive',
    });
  }
  return {
    mimeType: rec.mimeType,
    recordedMs: stoppedAt - startedAt,
    tracks,
    chunks,
    userAgent: navigator.userAgent,
  };
};
</script>
<p>record-fixture</p>
`;

function serve() {
  const server = createServer((req, res) => {
    if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(PAGE);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function clearChunks(dir) {
  await mkdir(dir, { recursive: true });
  for (const name of await readdir(dir)) {
    if (/^chunk-\d+\.webm$/.test(name) || name === 'capture.json') {
      await rm(join(dir, name));
    }
  }
}

const round = (x) => (x === null || x === undefined ? null : Math.round(x * 1000) / 1000);

async function main() {
  const server = await serve();
  const port = server.address().port;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
  try {
    const chromiumVersion = browser.version();
    const page = await browser.newPage();
    // localhost is a secure context, so getUserMedia is available over plain http.
    await page.goto(`http://localhost:${port}/`);
    for (const spec of CAPTURES) {
      const { dir, ...pageSpec } = spec;
      const result = await page.evaluate((s) => window.record(s), pageSpec);
      await clearChunks(dir);
      const chunkFiles = [];
      for (const [i, c] of result.chunks.entries()) {
        const name = `chunk-${String(i).padStart(3, '0')}.webm`;
        const bytes = Buffer.from(c.data, 'base64');
        if (bytes.length !== c.size) {
          throw new Error(`${name}: ${bytes.length} bytes read back, the blob said ${c.size}`);
        }
        await writeFile(join(dir, name), bytes);
        chunkFiles.push({
          file: name,
          bytes: c.size,
          blob_type: c.type,
          timecode_ms: round(c.timecode),
          delivered_after_start_ms: round(c.after_start_ms),
          after_stop_call: c.after_stop_call,
        });
      }
      const timecodes = result.chunks.map((c) => c.timecode).filter((t) => t !== null);
      const capture = {
        mime_type: spec.mimeType,
        recorder_mime_type: result.mimeType,
        timeslice_ms: spec.timesliceMs,
        requested_duration_ms: spec.durationMs,
        recorder_options: spec.recorderOptions,
        constraints: spec.constraints,
        tracks: result.tracks,
        chunk_count: chunkFiles.length,
        total_bytes: chunkFiles.reduce((n, c) => n + c.bytes, 0),
        recorded_ms: round(result.recordedMs),
        first_timecode_ms: timecodes.length ? round(timecodes[0]) : null,
        last_timecode_ms: timecodes.length ? round(timecodes[timecodes.length - 1]) : null,
        timecode_note: 'BlobEvent.timecode: ms from the first media in the first chunk to the first media in this chunk',
        chunks: chunkFiles,
        chromium_version: chromiumVersion,
        user_agent: result.userAgent,
        created_at: new Date().toISOString(),
        created_by: 'record-fixture.mjs',
      };
      await writeFile(join(dir, 'capture.json'), JSON.stringify(capture, null, 2) + '\n');
      console.log(`${dir}: ${capture.chunk_count} chunks, ${capture.total_bytes} bytes, recorded_ms ${capture.recorded_ms}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
