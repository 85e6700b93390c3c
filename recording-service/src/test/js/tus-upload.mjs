// tus client for recording-service tests: uploads a file with tus-js-client (Node) the way
// the web app will, optionally drops the connection and resumes, or terminates.
//
//   node tus-upload.mjs '<json>' [--terminate]
//   TUS_UPLOAD_ARGS='<json>' node tus-upload.mjs [--terminate]
//
// (run from this folder after `npm ci`, or with the path to it; node_modules/ must be here.)
//
// <json>: {
//   "endpoint": "http://127.0.0.1:1234/api/v1/recordings/uploads",   creation URL (required)
//   "file": "/path/to/file.webm",                                     file to upload (required)
//   "token": "...",               sent as "Authorization: Bearer <token>" on every request
//   "title": "...",               Upload-Metadata title (left out if not given)
//   "filetype": "video/webm",     Upload-Metadata filetype (default: from the file's
//                                 extension, application/octet-stream if unknown);
//                                 Upload-Metadata filename is the file's base name
//   "chunkSize": 65536,           bytes per PATCH (default: the whole file in one PATCH)
//   "interruptAfterBytes": 100000,  abort once onProgress reports at least this many bytes
//   "resumeDelayMs": 0,           pause between the abort and the resumed upload
//   "retryDelays": [0, 500],      tus-js-client retryDelays, with its own rules of what to
//                                 retry (network errors, 5xx, 409, 423). Default: retry only
//                                 423 Locked (a server may lock an upload while it still
//                                 drains the aborted PATCH), after 0, 200, 500, 1000, 2000
//                                 and 4000 ms; every other failure is reported at once.
//   "timeoutMs": 60000,           give up (ok:false) after this long
//   "terminate": false            same as --terminate
// }
//
// Without interruptAfterBytes: one upload (POST, then PATCHes).
// With it: upload.abort() once onProgress reports >= interruptAfterBytes (if a PATCH is
// running, its connection is dropped mid-request); then a new tus.Upload with uploadUrl = the
// first upload's URL and no endpoint resumes it: HEAD, then PATCHes from the server's
// Upload-Offset. (Without an endpoint a failed HEAD is reported instead of silently creating
// a second upload.) If the upload completed before the threshold was reached there is nothing
// to resume: interrupted:false.
// --terminate: upload.abort(true) once onProgress reports >= interruptAfterBytes (or as soon
// as the upload URL is known if interruptAfterBytes is not set), which sends DELETE (it must
// be answered 204); then a HEAD with fetch to see what the server says about the upload now.
// ok:false if the upload completed without reaching the threshold.
//
// When does onProgress fire (Node)? For each PATCH: with its start offset just before it is
// sent, once more (at most every 100 ms) as the body is handed to the socket, and with the
// server's Upload-Offset after the response. On loopback the kernel takes a few MB at once,
// so within a small PATCH the abort lands at a chunk boundary or right after the body was
// handed over; to cut a PATCH in the middle on the server, use a file much larger than the
// socket buffers and a server that reads slowly. What the server kept is whatever it had
// read: a test should check resumed_from_offset >= first_attempt_accepted_bytes (it was
// <= first_attempt_bytes in every trial run too) and the stored bytes equal to the file,
// not exact numbers.
//
// Output: ONE JSON line on stdout, nothing else on stdout; exit code 0 if ok, 1 if not.
// stderr is not part of the contract.
//   upload: {"ok":true,"upload_url":"http://.../uploads/<id>","size":N,"requests":[...],
//     "first_attempt_bytes":N,"first_attempt_accepted_bytes":N,"interrupted":true|false,
//     "resumed_from_offset":N|null,"second_attempt_bytes":N,"bytes_sent_total":N}
//   terminate: {"ok":true,"upload_url":"...","size":N,"requests":[...],
//     "first_attempt_bytes":N,"terminated":true,"delete_status":204,
//     "head_after_terminate_status":404}
//   failure: {"ok":false,"upload_url":"..."|null,"error":"...","error_status":409|null,...}
//     (error_status: HTTP status of the response that failed, null for network errors,
//     bad arguments or the timeout; the fields known by then are kept)
// upload_url: absolute (a relative Location is resolved against endpoint);
// first_attempt_bytes: the highest byte count onProgress reported before the abort (what the
// client had handed to the connection, not necessarily what the server kept);
// first_attempt_accepted_bytes: the last Upload-Offset a PATCH response confirmed before it;
// resumed_from_offset: Upload-Offset of the resumed upload's first successful HEAD;
// second_attempt_bytes: bytes the server accepted in the resumed upload (the sum of the
// Upload-Offset advances its PATCH responses reported; size - resumed_from_offset unless
// it had to retry);
// bytes_sent_total = first_attempt_bytes + second_attempt_bytes;
// requests: every request that got a response, as {method, status, offset?} in order
// (offset: the response's Upload-Offset, where it had one).

import { createReadStream, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as tus from 'tus-js-client';

const TYPES = {
  '.webm': 'video/webm',
  '.weba': 'audio/webm',
  '.mp4': 'video/mp4',
  '.mkv': 'video/x-matroska',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

const result = { ok: false, upload_url: null };

let finished = false;

// Writes the one result line and exits (stdout to a pipe or file is written synchronously).
function finish(extra = {}) {
  if (finished) return;
  finished = true;
  Object.assign(result, extra);
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(result.ok ? 0 : 1);
}

function fail(err) {
  const status = err?.originalResponse?.getStatus?.() ?? null;
  finish({ ok: false, error: String(err?.message ?? err), error_status: status });
}

function parseArgs() {
  const argv = process.argv.slice(2);
  const flags = argv.filter((a) => a.startsWith('--'));
  const positional = argv.filter((a) => !a.startsWith('--'));
  for (const f of flags) {
    if (f !== '--terminate') throw new Error(`unknown flag ${f}`);
  }
  const text = positional[0] ?? process.env.TUS_UPLOAD_ARGS;
  if (!text) throw new Error('no arguments: pass a JSON object as the first argument or in TUS_UPLOAD_ARGS');
  const args = JSON.parse(text);
  if (typeof args !== 'object' || args === null) throw new Error('arguments must be a JSON object');
  if (flags.includes('--terminate')) args.terminate = true;
  if (!args.endpoint) throw new Error('endpoint is required');
  if (!args.file) throw new Error('file is required');
  for (const k of ['chunkSize', 'interruptAfterBytes', 'resumeDelayMs', 'timeoutMs']) {
    if (args[k] !== undefined && args[k] !== null && !(Number.isFinite(args[k]) && args[k] >= 0)) {
      throw new Error(`${k} must be a non-negative number`);
    }
  }
  if (args.chunkSize === 0) throw new Error('chunkSize must be positive');
  return args;
}

const LOCKED_RETRY_DELAYS = [0, 200, 500, 1000, 2000, 4000];

function retryOptions(args) {
  if (args.retryDelays !== undefined) return { retryDelays: args.retryDelays };
  return {
    retryDelays: LOCKED_RETRY_DELAYS,
    onShouldRetry: (err) => err?.originalResponse?.getStatus?.() === 423,
  };
}

function baseOptions(args, requests, hooks = {}) {
  const headers = {};
  if (args.token) headers.Authorization = `Bearer ${args.token}`;
  return {
    headers,
    chunkSize: args.chunkSize ?? Number.POSITIVE_INFINITY,
    ...retryOptions(args),
    storeFingerprintForResuming: false,
    removeFingerprintOnSuccess: false,
    onAfterResponse: (req, res) => {
      const offset = res.getHeader('Upload-Offset');
      const entry = { method: req.getMethod(), status: res.getStatus() };
      if (offset !== undefined) entry.offset = Number.parseInt(offset, 10);
      requests.push(entry);
      hooks.onAfterResponse?.(req, res, entry);
    },
  };
}

// Runs one tus.Upload until it succeeds, fails, or onProgress reaches `stopWhen` bytes.
// Resolves to {outcome: 'success'|'aborted', stopped (abort() was called), url, maxProgress,
// acceptedOffset, acceptedSum}.
// 'success' also when the abort came from the progress report of the PATCH response that
// completed the upload (then nothing was left to interrupt).
function runUpload(path, options, { stopWhen, stopOnUrl, terminate }) {
  return new Promise((resolve, reject) => {
    const file = createReadStream(path);
    let maxProgress = 0;
    let acceptedOffset = 0;
    let acceptedSum = 0;
    let stopped = false;
    let completed = false;
    let upload = null;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      const url = upload.url;
      upload
        .abort(Boolean(terminate))
        .then(() => {
          file.destroy();
          resolve({ outcome: completed ? 'success' : 'aborted', stopped, url, maxProgress, acceptedOffset, acceptedSum });
        })
        .catch((err) => {
          file.destroy();
          reject(err);
        });
    };
    upload = new tus.Upload(file, {
      ...options,
      // tus-js-client reports progress for a PATCH just before sending it and goes on to send
      // it even if abort() was called from that report; refuse it here so that nothing of
      // this attempt can reach the server after the abort (the DELETE of --terminate may).
      onBeforeRequest: async (req) => {
        if (stopped && req.getMethod() !== 'DELETE') {
          throw new Error('tus-upload.mjs: request after abort refused');
        }
        await options.onBeforeRequest?.(req);
      },
      onProgress: (bytes) => {
        if (bytes > maxProgress) maxProgress = bytes;
        if (stopWhen !== null && stopWhen !== undefined && !stopped && bytes >= stopWhen) stop();
      },
      onChunkComplete: (chunk, accepted) => {
        acceptedOffset = accepted;
        acceptedSum += chunk;
      },
      onUploadUrlAvailable: () => {
        result.upload_url = upload.url;
        if (stopOnUrl) stop();
      },
      onSuccess: () => {
        if (stopped) {
          completed = true;
          return;
        }
        file.destroy();
        resolve({ outcome: 'success', stopped, url: upload.url, maxProgress, acceptedOffset, acceptedSum });
      },
      onError: (err) => {
        file.destroy();
        reject(err);
      },
    });
    upload.start();
  });
}

async function main() {
  const args = parseArgs();
  const timeoutMs = args.timeoutMs ?? 60000;
  setTimeout(() => fail(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs).unref();

  const size = statSync(args.file).size;
  const metadata = {
    filename: basename(args.file),
    filetype: args.filetype ?? TYPES[extname(args.file).toLowerCase()] ?? 'application/octet-stream',
  };
  if (args.title !== undefined && args.title !== null) metadata.title = String(args.title);
  const requests = [];
  result.size = size;
  result.requests = requests;

  if (args.terminate) {
    const interruptAt = args.interruptAfterBytes ?? null;
    const first = await runUpload(
      args.file,
      { ...baseOptions(args, requests), endpoint: args.endpoint, metadata },
      { stopWhen: interruptAt, stopOnUrl: interruptAt === null, terminate: true },
    );
    result.upload_url = first.url;
    result.first_attempt_bytes = first.maxProgress;
    if (!first.stopped) {
      throw new Error(`the upload finished (${size} bytes) before interruptAfterBytes was reached; nothing was terminated`);
    }
    const deleted = requests.filter((r) => r.method === 'DELETE').at(-1);
    // abort(true) resolves only after a 204 to the DELETE; anything else rejects.
    const head = await fetch(first.url, {
      method: 'HEAD',
      headers: { 'Tus-Resumable': '1.0.0', ...baseOptions(args, []).headers },
    });
    finish({
      ok: true,
      terminated: true,
      delete_status: deleted?.status ?? null,
      head_after_terminate_status: head.status,
    });
    return;
  }

  const interruptAt = args.interruptAfterBytes ?? null;
  const first = await runUpload(
    args.file,
    { ...baseOptions(args, requests), endpoint: args.endpoint, metadata },
    { stopWhen: interruptAt },
  );
  result.upload_url = first.url;
  result.first_attempt_bytes = first.maxProgress;
  result.first_attempt_accepted_bytes = first.acceptedOffset;

  if (first.outcome === 'success') {
    finish({
      ok: true,
      interrupted: false,
      resumed_from_offset: null,
      second_attempt_bytes: 0,
      bytes_sent_total: first.maxProgress,
    });
    return;
  }

  if (!first.url) {
    throw new Error('the upload was interrupted before the server gave it a URL; nothing to resume');
  }
  if (args.resumeDelayMs) await sleep(args.resumeDelayMs);

  let resumedFrom = null;
  const second = await runUpload(
    args.file,
    {
      ...baseOptions(args, requests, {
        onAfterResponse: (req, _res, entry) => {
          if (req.getMethod() === 'HEAD' && resumedFrom === null && entry.status >= 200 && entry.status < 300) {
            resumedFrom = entry.offset ?? null;
          }
        },
      }),
      uploadUrl: first.url,
      metadata,
    },
    {},
  );
  if (resumedFrom === null || Number.isNaN(resumedFrom)) {
    throw new Error('the resumed upload got no Upload-Offset from its HEAD request');
  }
  const secondBytes = second.acceptedSum;
  finish({
    ok: true,
    upload_url: second.url,
    interrupted: true,
    resumed_from_offset: resumedFrom,
    second_attempt_bytes: secondBytes,
    bytes_sent_total: first.maxProgress + secondBytes,
  });
}

main().catch(fail);
