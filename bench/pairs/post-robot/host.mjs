// post-robot 10, parent side: answer 'dispositionCall' from the frame's origin.
import postRobot from 'post-robot';

export function serve({ childUrl, childOrigin, handler }) {
  postRobot.on('dispositionCall', { domain: childOrigin }, (e) => handler(e.data));
  const frame = document.createElement('iframe');
  frame.src = childUrl;
  document.body.append(frame);
  return frame;
}

/** Calls `onEvent` for every fire-and-forget 'event' from the frame's origin. */
export function listen(_frame, childOrigin, onEvent) {
  postRobot.on('event', { domain: childOrigin }, (e) => {
    onEvent(e.data);
  });
}
