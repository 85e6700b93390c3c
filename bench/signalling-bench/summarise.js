'use strict';
// Medians over the rounds of bench/signalling-bench.sh part 1: reads the JSON lines load.js printed
// (one per server, mode and round, with the server's CPU added by the script) and prints a table and
// the ratios of signalling-service to the reference, per mode.
//   node summarise.js RESULTS.jsonl
const fs = require('fs');
const rows = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n ? (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2) : NaN; };
const groups = {};
for (const r of rows) (groups[`${r.mode}|${r.server}`] ||= []).push(r);
const m = {};
for (const [key, rs] of Object.entries(groups)) {
  const [mode, server] = key.split('|');
  const g = (k) => median(rs.map((r) => r[k]));
  m[key] = { rate: g('rate'), p50: g('p50'), p99: g('p99'), cpu: g('server_cpu'), busy: g('machine_busy'), rounds: rs.length };
  console.log(`${mode.padEnd(6)} ${server.padEnd(20)} ${String(Math.round(m[key].rate)).padStart(7)} msgs/s   p50 ${m[key].p50.toFixed(2).padStart(7)} ms   p99 ${m[key].p99.toFixed(2).padStart(7)} ms   server CPU ${m[key].cpu.toFixed(2)} cores   machine ${Math.round(m[key].busy)} % busy   (median of ${m[key].rounds})`);
}
for (const mode of ['closed', 'paced']) {
  const ref = m[`${mode}|reference`];
  for (const [key, v] of Object.entries(m)) {
    const [md, server] = key.split('|');
    if (md !== mode || server === 'reference' || !ref) continue;
    console.log(`ratio ${mode} ${server} / reference: messages/s x${(v.rate / ref.rate).toFixed(2)}, p50 x${(v.p50 / ref.p50).toFixed(2)}, p99 x${(v.p99 / ref.p99).toFixed(2)}`
      + (mode === 'closed' ? `   (target: messages/s >= x2.00 at a lower p99: ${v.rate >= 2 * ref.rate && v.p99 < ref.p99 ? 'met' : 'NOT met'})` : ''));
  }
}
