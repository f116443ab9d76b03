/* Share panel: reveal a Copy button beside each snippet once this script runs (the read-only fields
   already work without it), copy with the Clipboard API, fall back to selecting the text and
   execCommand('copy'), and say the result in the panel's live region. */
(function () {
  'use strict';

  function announce(status, message) {
    // Clearing first makes screen readers repeat the message when the same button is pressed twice.
    status.textContent = '';
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function legacyCopy(field) {
    field.focus();
    field.select();
    try {
      return document.execCommand('copy');
    } catch (error) {
      return false;
    }
  }

  function copy(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value).then(
        function () { return true; },
        function () { return legacyCopy(field); }
      );
    }
    return Promise.resolve(legacyCopy(field));
  }

  function enhance(panel) {
    var status = panel.querySelector('[data-share-status]');
    panel.querySelectorAll('button[data-copy]').forEach(function (button) {
      var field = document.getElementById(button.getAttribute('data-copy'));
      if (!field) {
        return;
      }
      button.hidden = false;
      button.addEventListener('click', function () {
        copy(field).then(function (copied) {
          if (!copied) {
            // The text stays selected so the reader can copy it by hand.
            field.focus();
            field.select();
          }
          announce(status, status.getAttribute(copied ? 'data-copied' : 'data-failed'));
        });
      });
    });
  }

  document.querySelectorAll('[data-share]').forEach(enhance);
}());
