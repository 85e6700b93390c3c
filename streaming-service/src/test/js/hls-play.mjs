// Plays a recording the way a web frontend does: hls.js in headless Chromium, on a page served from
// another origin (so CORS is exercised), the access token sent with the master playlist only; every
// other request carries nothing but the playback token the playlists put into their URIs.
//
//   node hls-play.mjs <master-url> <access-token>
//
// Prints one JSON line: {ok, levels:[{width,height,bitrate}], playedSeconds, decodedFrames,
// switchedToTop, topFragments, requestsWithAuthorization, errors:[...]}.
// Environment: CHROMIUM (default /usr/bin/chromium).

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const [masterUrl, accessToken] = process.argv.slice(2);
const hlsJs = await readFile(new URL('./node_modules/hls.js/dist/hls.min.js', import.meta.url));
const page = `<!doctype html><meta charset="utf-8"><video id="v" muted playsinline></video><script src="/hls.js"></script>`;
const server = createServer((req, res) => {
  if (req.url === '/hls.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(hlsJs);
  } else {
    res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));

let result = { ok: false, errors: [] };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--autoplay-policy=no-user-gesture-required'],
});
try {
  const tab = await browser.newPage();
  let withAuthorization = 0;
  tab.on('request', (r) => { if (r.headers()['authorization']) withAuthorization++; });
  await tab.goto(`http://localhost:${server.address().port}/`);
  result = await tab.evaluate(({ masterUrl, accessToken }) => new Promise((resolve) => {
    const errors = [];
    const video = document.getElementById('v');
    const hls = new Hls({
      // the access token goes with the master playlist only: everything below it carries its playback token
      xhrSetup: (xhr, url) => { if (url.includes('/master.m3u8')) xhr.setRequestHeader('Authorization', 'Bearer ' + accessToken); },
    });
    let levels = [];
    let switchedToTop = false;
    let topFragments = 0;
    const finish = (ok) => resolve({
      ok, levels, playedSeconds: video.currentTime, errors, switchedToTop, topFragments,
      decodedFrames: video.getVideoPlaybackQuality().totalVideoFrames,
    });
    hls.on(Hls.Events.ERROR, (e, d) => { errors.push(`${d.type}/${d.details}${d.fatal ? ' (fatal)' : ''}`); if (d.fatal) finish(false); });
    hls.on(Hls.Events.MANIFEST_PARSED, (e, d) => {
      levels = d.levels.map((l) => ({ width: l.width, height: l.height, bitrate: l.bitrate }));
      video.play().catch((err) => errors.push('play: ' + err));
    });
    hls.on(Hls.Events.LEVEL_SWITCHED, (e, d) => { if (d.level === levels.length - 1) switchedToTop = true; });
    hls.on(Hls.Events.FRAG_LOADED, (e, d) => { if (d.frag.level === levels.length - 1) topFragments++; });
    // where the playhead was when the top rung's first fragment entered the buffer
    let topBufferedAt = null;
    hls.on(Hls.Events.FRAG_BUFFERED, (e, d) => {
      if (d.frag.level === levels.length - 1 && topBufferedAt === null) topBufferedAt = video.currentTime;
    });
    // once playing, switch to the top rung at once (as a viewer picking the top quality does: hls.js
    // flushes the buffer and fetches the top rung's fragment) and wait for it to be fetched and played.
    // hls.nextLevel (switch at the next fragment) is not enough: a 4 s clip is one fragment per rung,
    // and when the whole of it was buffered before 'playing', there is no next fragment to switch at.
    video.addEventListener('playing', () => { hls.currentLevel = levels.length - 1; }, { once: true });
    const check = setInterval(() => {
      // done when 2.5 s have played, the top rung has played for a second (or to the end), and more
      // than 30 frames were decoded (the switch flushes the buffer: the decoder restarts at a key frame)
      const topPlayed = topBufferedAt !== null && (video.ended || video.currentTime >= topBufferedAt + 1);
      const frames = video.getVideoPlaybackQuality().totalVideoFrames;
      if (video.currentTime >= 2.5 && topPlayed && frames > 30) { clearInterval(check); finish(true); }
    }, 100);
    setTimeout(() => { clearInterval(check); finish(false); }, 60000);
    hls.loadSource(masterUrl);
    hls.attachMedia(video);
  }), { masterUrl, accessToken });
  result.requestsWithAuthorization = withAuthorization;
} catch (e) {
  result.errors.push(String(e));
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
