// What both stand-in forms share, loaded as a classic script before any other listener of the page
// (listeners run in the order they were added, so the console's log sees every message first).

// Demo plumbing: tells the console's log that a message arrived.
window.addEventListener('message', function (event) {
  if (parent.demoConsole) parent.demoConsole.received(event.origin, event.data);
});

// What the platform writes into a form opened for a call: CTI, a JSON string (its call), and Agent.
// The stand-in console passes the call in the form's URL; the real console writes these globals itself.
(function () {
  var q = new URLSearchParams(location.search);
  if (q.get('guid')) {
    window.CTI = JSON.stringify({ Guid: q.get('guid'), Screen: 'FALSE', Form: 'ucbridge-demo', Campaign: q.get('campaign'), Callerid: q.get('callerid'), ParAndValues: q.get('vars') || '', Beep: 'FALSE', Answer: 'FALSE' });
  }
  window.Agent = { accountcode: 'agent007' };
})();

// What the platform gives every form: UC_DispositionCall. Here the stand-in console implements it.
window.UC_DispositionCall = function () {
  return parent.demoConsole.UC_DispositionCall.apply(null, arguments);
};
