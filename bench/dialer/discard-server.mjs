// A stand-in for uContact for the upload benchmark: answers the login with a key, EndSession
// with 1, and Dialers/uploadbase with 1 after reading (and discarding) the body, so its memory
// stays out of the figures and the simulator's recording of 10 M lines does not weigh on the run.
// Prints its URL on stdout, then serves until killed.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  let bytes = 0;
  req.on('data', (chunk) => (bytes += chunk.length));
  req.on('end', () => {
    const body = req.url.endsWith('/auth/UserLogin') ? '["bench-key"]' : '1';
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
