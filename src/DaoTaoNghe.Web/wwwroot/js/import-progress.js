// Follows a running import: updates the progress bar from the job's status, reloads when it is done.
(function () {
  var panel = document.querySelector('[data-import-progress]');
  if (!panel) return;
  var bar = panel.querySelector('progress');
  var text = panel.querySelector('[data-progress-text]');
  function poll() {
    fetch(panel.getAttribute('data-url'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.done) { window.location.reload(); return; }
        if (status.total > 0) { bar.max = status.total; bar.value = status.processed; }
        text.textContent = status.message;
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 500);
})();
