/* Print buttons: a button marked data-print stays hidden without this script (printing from the page
   needs it) and opens the browser's print dialog once it runs. The print stylesheet decides what reaches
   the paper. */
(function () {
  'use strict';

  if (typeof window.print !== 'function') {
    return;
  }
  Array.prototype.forEach.call(document.querySelectorAll('button[data-print]'), function (button) {
    button.addEventListener('click', function () { window.print(); });
    button.hidden = false;
  });
})();
