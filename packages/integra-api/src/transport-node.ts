/**
 * The Node transport: `node:http`/`node:https`, one connection per request (no keep-alive: a
 * reused socket the server had closed would turn a request that never arrived into "maybe
 * sent"). It knows when the body was fully written ('finish') and, for plain `http:`, checks
 * every address the name resolves to before connecting, so no byte goes to a host that is not
 * loopback, whatever its name says (issue 14).
 */
import dns from 'node:dns';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isLoopbackAddress, notLoopbackError, type HostResolver, type Transport, type TransportRequest } from './transport.js';

// read at call time, so a process-wide resolver (a test's preload) applies
const systemResolver: HostResolver = async (hostname) => (await dns.promises.lookup(hostname, { all: true })).map((a) => a.address);

/** A `lookup` for `net.connect` that resolves with `resolve` and refuses non-loopback answers. */
function checkedLookup(request: TransportRequest, refused: (error: Error) => void): LookupFunction {
  const resolve = request.resolveHost ?? systemResolver;
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => (a.includes(':') ? 6 : 4) === options.family) : addresses;
        const outside = request.loopbackOnly ? wanted.find((a) => !isLoopbackAddress(a)) : undefined;
        if (wanted.length === 0) {
          const error = Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' });
          return callback(error, '', 4);
        }
        if (outside !== undefined) {
          const error = notLoopbackError(hostname, outside);
          refused(error);
          return callback(error, '', 4);
        }
        const all = wanted.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
        if (options.all === true) (callback as unknown as (e: null, a: typeof all) => void)(null, all);
        else callback(null, all[0]!.address, all[0]!.family);
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, '', 4),
    );
  };
}

/** See the file's comment. */
export const nodeTransport: Transport = {
  knowsBodySent: true,
  send(request, onAnswer) {
    const { url } = request;
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    const isIp = /^[0-9.]+$/.test(literal) || literal.includes(':');
    if (request.loopbackOnly && isIp && !isLoopbackAddress(literal)) return Promise.reject(notLoopbackError(url.hostname, literal));
    return new Promise((resolve, reject) => {
      let refusal: Error | undefined;
      const make = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req: ClientRequest = make(url, {
        method: 'POST',
        headers: { ...request.headers, 'Content-Length': String(request.body.byteLength) },
        agent: false,
        signal: request.signal,
        ...(isIp ? {} : { lookup: checkedLookup(request, (e) => (refusal = e)) }),
      });
      req.on('error', (error) => reject(refusal ?? error));
      req.on('response', (response: IncomingMessage) => {
        onAnswer();
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          if (!response.complete) reject(Object.assign(new Error('the answer was cut off'), { code: 'ECONNRESET' }));
          else resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
        response.on('error', reject);
        response.on('aborted', () => reject(Object.assign(new Error('the answer was cut off'), { code: 'ECONNRESET' })));
      });
      req.on('finish', () => request.onBodySent());
      req.end(request.body);
    });
  },
};
