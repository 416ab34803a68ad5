// Runs inside the cross-origin child frame, bundled with one library's client pair.
// Measures: connection (this document's first script line -> first answered call), N sequential
// awaited calls, a burst of unawaited calls, and a one-way burst where the pair has emit().
import { DISPOSITION, dispositionNumber } from './disposition.mjs';

const now = () => performance.now();

export async function runChild(pair) {
  const t0 = self.__t0 ?? 0; // set by an inline <script> before this bundle: includes its parse time
  const q = new URLSearchParams(location.search);
  const hostOrigin = q.get('host');
  const calls = Number(q.get('calls'));
  const warm = Number(q.get('warm'));
  const burst = Number(q.get('burst'));
  const done = (result) => self.__benchDone(JSON.stringify(result));
  try {
    const conn = await pair.open(hostOrigin);
    let n = 0;
    const first = await conn.call(dispositionNumber(n++));
    const connectMs = now() - t0;
    // every pair answers the campaign, bare or wrapped ({ confirmed, result }, { data })
    if (!JSON.stringify(first ?? null).includes(DISPOSITION.campaign)) throw new Error(`unexpected answer ${JSON.stringify(first)}`);
    if (q.get('mode') === 'connect') return done({ ok: true, isolated: self.crossOriginIsolated, connectMs });
    for (let i = 0; i < warm; i++) await conn.call(dispositionNumber(n++));
    const latency = new Array(calls);
    for (let i = 0; i < calls; i++) {
      const disposition = dispositionNumber(n++);
      const t = now();
      await conn.call(disposition);
      latency[i] = now() - t;
    }
    const many = Array.from({ length: burst }, () => dispositionNumber(n++));
    let t = now();
    const answers = await Promise.all(many.map((disposition) => conn.call(disposition)));
    const burstMs = now() - t;
    if (answers.length !== burst) throw new Error('burst lost answers');
    let oneWayMs = null;
    if (pair.emit) {
      // the parent counts arrivals and posts one plain message when the last one is in
      const allIn = new Promise((resolve) => {
        addEventListener('message', (e) => {
          if (e.origin === hostOrigin && e.data && e.data.benchDone === burst) resolve();
        });
      });
      t = now();
      for (let i = 0; i < burst; i++) pair.emit(conn, hostOrigin, DISPOSITION);
      await allIn;
      oneWayMs = now() - t;
    }
    done({ ok: true, isolated: self.crossOriginIsolated, connectMs, latency, burstMs, oneWayMs });
  } catch (error) {
    done({ ok: false, error: String((error && error.stack) || error) });
  }
}
