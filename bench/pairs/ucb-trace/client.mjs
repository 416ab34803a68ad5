import { connectToHost } from '@ucbridge/iframe-client';
export function open(hostOrigin) {
  self.__mark('import');
  const host = connectToHost({ hostOrigin, onConnect: () => self.__mark('welcome') });
  self.__mark('helloSent');
  return Promise.resolve({ call: (d) => host.dispositionCall(d) });
}
