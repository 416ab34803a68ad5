// What both stand-in forms share, loaded as a classic script before any other listener of the page
// (listeners run in the order they were added, so the console's log sees every message first).

// Demo plumbing: tells the console's log that a message arrived.
window.addEventListener('message', function (event) {
  if (parent.demoConsole) parent.demoConsole.received(event.origin, event.data);
});

// What the platform gives every form: UC_DispositionCall. Here the stand-in console implements it.
window.UC_DispositionCall = function () {
  return parent.demoConsole.UC_DispositionCall.apply(null, arguments);
};
