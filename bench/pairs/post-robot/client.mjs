// post-robot 10, child side: send('dispositionCall', d) to the parent and await its answer.
import postRobot from 'post-robot';

export function open(hostOrigin) {
  return Promise.resolve({ call: (d) => postRobot.send(parent, 'dispositionCall', d, { domain: hostOrigin }).then((r) => r.data) });
}

/** One-way: post-robot's fireAndForget sends without waiting for the handler's answer. */
export function emit(_conn, hostOrigin, d) {
  postRobot.send(parent, 'event', d, { domain: hostOrigin, fireAndForget: true });
}
