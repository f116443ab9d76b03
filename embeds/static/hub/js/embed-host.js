/* Optional helper for pages that embed Movement Learning Hub cards: it sizes each card's iframe to fit.

   Usage on the host page (any site):
     <script src="https://<hub>/static/hub/js/embed-host.js" defer></script>
     <iframe src="https://<hub>/es/embed/skill/communication/" width="500" height="400"
             title="…" loading="lazy" data-hub-embed></iframe>

   The iframe snippet from the Hub's oEmbed endpoint already carries data-hub-embed. The script listens for
   {type: "hub-embed-resize", height} messages (sent by the card's embed-card.js), accepts them only from the
   Hub's origin (the origin this script was loaded from) and only for the iframe that sent them, and sets
   that iframe's height. Without this script the iframe keeps its height and the card scrolls inside it.

   It lives in the embeds app but under the hub/ static prefix on purpose: other sites load it from
   /static/hub/js/embed-host.js, and that address must not change. */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !script.src) {
    return;
  }
  var hubOrigin = new URL(script.src, window.location.href).origin;
  // A sane ceiling, so a misbehaving frame cannot stretch the host page without end.
  var MAX_HEIGHT = 4000;

  function hubFrames() {
    return document.querySelectorAll("iframe[data-hub-embed]");
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== hubOrigin || !event.data || event.data.type !== "hub-embed-resize") {
      return;
    }
    var height = Number(event.data.height);
    if (!isFinite(height) || height <= 0) {
      return;
    }
    height = Math.min(Math.ceil(height), MAX_HEIGHT);
    var frames = hubFrames();
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].setAttribute("height", String(height));
        frames[i].style.height = height + "px";
      }
    }
  });

  // A card that loaded before this script listened has already sent its height: ask again.
  function ping(frame) {
    if (frame.contentWindow) {
      frame.contentWindow.postMessage({ type: "hub-embed-ping" }, hubOrigin);
    }
  }
  var frames = hubFrames();
  for (var i = 0; i < frames.length; i++) {
    ping(frames[i]);
    frames[i].addEventListener("load", function (event) { ping(event.target); });
  }
})();
