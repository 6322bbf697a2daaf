// Progressive enhancements only; every page works without this file.
document.addEventListener('click', function (event) {
  var target = event.target.closest('[data-confirm]');
  if (target && !window.confirm(target.getAttribute('data-confirm'))) event.preventDefault();
});
document.addEventListener('change', function (event) {
  if (event.target.matches('[data-autosubmit]')) event.target.form.submit();
});
// On narrow screens the menu starts folded.
if (window.matchMedia('(max-width: 800px)').matches) {
  var nav = document.querySelector('.sidenav details');
  if (nav) nav.removeAttribute('open');
}
// Papers: the print button opens the browser's print dialogue.
document.addEventListener('click', function (event) {
  if (event.target.closest('[data-print]')) window.print();
});
