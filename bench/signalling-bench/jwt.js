'use strict';
// The bench's own token issuer: an RSA key made per run, its JWKS written to a file that
// signalling-service reads (mp.jwt.verify.publickey.location), and RS256 access tokens carrying the
// claims signalling-service reads (sub, groups, name, upn, iss, exp). Node's crypto only.
//   node jwt.js init DIR ISSUER   writes DIR/key.pem, DIR/jwks.json and DIR/issuer.txt
//   node jwt.js tokens DIR ROOMS PEERS   prints ROOMS x PEERS tokens, a line each, the first of each
//                                        room an instructor's, the others students' (RelayLoad.java)
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const KID = 'signalling-bench';

function b64url(data) {
  return Buffer.from(data).toString('base64url');
}

function init(dir, issuer) {
  fs.mkdirSync(dir, { recursive: true });
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  fs.writeFileSync(path.join(dir, 'key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  fs.writeFileSync(path.join(dir, 'jwks.json'),
    JSON.stringify({ keys: [{ kty: 'RSA', kid: KID, use: 'sig', alg: 'RS256', n: jwk.n, e: jwk.e }] }));
  fs.writeFileSync(path.join(dir, 'issuer.txt'), issuer);
}

/** A signer for the key in DIR: sign({role, name}) returns a fresh token for a new random user. */
function signer(dir, ttlSeconds = 3600) {
  const key = crypto.createPrivateKey(fs.readFileSync(path.join(dir, 'key.pem')));
  const issuer = fs.readFileSync(path.join(dir, 'issuer.txt'), 'utf8');
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: KID }));
  return ({ role, name }) => {
    const now = Math.floor(Date.now() / 1000);
    const sub = crypto.randomUUID();
    const claims = {
      iss: issuer, sub, upn: `${sub}@bench.example.org`, name: name || `bench ${role}`,
      groups: [role], iat: now, exp: now + ttlSeconds, jti: crypto.randomUUID(),
    };
    const input = `${header}.${b64url(JSON.stringify(claims))}`;
    return `${input}.${crypto.sign('sha256', Buffer.from(input), key).toString('base64url')}`;
  };
}

module.exports = { init, signer };

if (require.main === module) {
  const [cmd, dir, a, b] = process.argv.slice(2);
  if (cmd === 'init' && dir && a) {
    init(dir, a);
  } else if (cmd === 'tokens' && dir && Number(a) > 0 && Number(b) > 0) {
    const sign = signer(dir);
    const lines = [];
    for (let i = 0; i < Number(a) * Number(b); i++) lines.push(sign({ role: i % Number(b) === 0 ? 'instructor' : 'student' }));
    process.stdout.write(`${lines.join('\n')}\n`);
  } else {
    console.error('usage: node jwt.js init DIR ISSUER | node jwt.js tokens DIR ROOMS PEERS');
    process.exit(2);
  }
}
