/**
 * Simulated uContact users and the two documented shapes of a successful login answer.
 */
import { randomUUID } from 'node:crypto';

/** A user the simulator accepts. */
export interface SimUser {
  /** Login name. */
  user: string;
  /** Password (plain text: this is a test double). */
  password: string;
  /**
   * The user's phone (extension). With a phone, the login answer is a list of objects, one
   * with `md5secret` = the key; without, the key is the last string of the list (supervisors).
   */
  phone?: string;
}

/**
 * The default users: `agent` (with phone 1001: answer with `md5secret`), `supervisor` and
 * `api` (no phone: the key last in the list).
 */
export const DEFAULT_SIM_USERS: readonly SimUser[] = Object.freeze([
  { user: 'agent', password: 'agent-pass', phone: '1001' },
  { user: 'supervisor', password: 'supervisor-pass' },
  { user: 'api', password: 'api-pass' },
]);

/** A key like the platform's: base64 of `user:uuid`, new for every login. */
export function newApiKey(user: string): string {
  return Buffer.from(`${user}:${randomUUID()}`, 'utf8').toString('base64');
}

/** The JSON answer of `auth/UserLogin` for `user`, holding `key` where the platform puts it. */
export function loginAnswer(user: SimUser, key: string): unknown[] {
  if (user.phone !== undefined) {
    // the object with the key is not the first one, so clients must search for md5secret
    return [
      { campaign: 'Sales<-', penalty: 0 },
      { name: user.user, phone: user.phone, mailbox: '', md5secret: key, pickupgroup: '', callgroup: '' },
    ];
  }
  // "if it has no phone will have it on the 3rd item of the List": the last element
  return [{ name: user.user, profile: 'Supervisor', phone: '' }, 'Supervisor', key];
}
