// penpal 7, child side: a WindowMessenger to the parent, then remote.dispositionCall(d).
import { connect, WindowMessenger } from 'penpal';

export async function open(hostOrigin) {
  const messenger = new WindowMessenger({ remoteWindow: parent, allowedOrigins: [hostOrigin] });
  const remote = await connect({ messenger }).promise;
  return { call: (d) => remote.dispositionCall(d) };
}
