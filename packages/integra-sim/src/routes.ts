/**
 * The routes the simulator answers out of the box: login, end of session, dialer base upload.
 */
import type { SimRouteContext, SimRouteHandler, SimSession } from './types.js';
import { decodeUpload, type SimUpload } from './uploads.js';
import { loginAnswer, newApiKey, type SimUser } from './users.js';

/** Internal: the mutable state the built-in routes work on. */
export interface SimState {
  users: readonly SimUser[];
  /** live key → session */
  live: Map<string, SimSession>;
  sessions: SimSession[];
  uploads: SimUpload[];
}

/** Internal: the built-in routes and whether each is public (needs no key). */
export function builtinRoutes(state: SimState): Record<string, { handler: SimRouteHandler; public: boolean }> {
  const loginRoute: SimRouteHandler = ({ params }) => {
    const user = state.users.find((u) => u.user === params['user'] && u.password === params['password']);
    if (user === undefined) return '0';
    const key = newApiKey(user.user);
    const session: SimSession = { user: user.user, key, openedAt: new Date().toISOString(), endedAt: undefined };
    state.sessions.push(session);
    state.live.set(key, session);
    return { body: JSON.stringify(loginAnswer(user, key)), contentType: 'application/json; charset=UTF-8' };
  };

  const endSession: SimRouteHandler = ({ params }: SimRouteContext) => {
    const session = state.live.get(params['token'] ?? '');
    if (session === undefined || session.user !== params['user']) return '0';
    session.endedAt = new Date().toISOString();
    state.live.delete(session.key);
    return '1';
  };

  const uploadBase: SimRouteHandler = ({ params, user }) => {
    const { filename, fileb64, campaign, cant, username } = params;
    // the platform checks nothing in the file; a missing field is the one thing it cannot take
    if (filename === undefined || fileb64 === undefined || campaign === undefined || cant === undefined || username === undefined) {
      return '0';
    }
    state.uploads.push(decodeUpload({ filename, fileb64, campaign, cant, username }, state.uploads.length + 1, user ?? ''));
    return '1';
  };

  return {
    'auth/UserLogin': { handler: loginRoute, public: true },
    'auth/getUserToken': { handler: loginRoute, public: true },
    'auth/EndSession': { handler: endSession, public: false },
    'Dialers/uploadbase': { handler: uploadBase, public: false },
  };
}
