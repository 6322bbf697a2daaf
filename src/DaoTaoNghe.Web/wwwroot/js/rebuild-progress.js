// Follows a running rebuild of the indicator values: the status line is updated in place and the page
// reloads once the rebuild is over. A meta refresh would reload the whole page every few seconds under a
// screen reader's or a keyboard user's feet (WCAG 2.2.1).
(function () {
  var card = document.querySelector('[data-rebuild-state="running"]');
  if (!card) return;
  function poll() {
    fetch(window.location.pathname, { credentials: 'same-origin' })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-rebuild-state]');
        if (!next || next.getAttribute('data-rebuild-state') !== 'running') { window.location.reload(); return; }
        card.innerHTML = next.innerHTML;
        setTimeout(poll, 3000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 3000);
})();
