/* The embed card tells the page that frames it how tall it is, so a host page running embed-host.js can
   size the iframe to fit. Without a listener nothing happens: the card scrolls inside its frame.

   Message sent to the parent: {type: "hub-embed-resize", height: <CSS pixels>}. It is sent on load, whenever
   the card changes size (ResizeObserver where available, else window resize), and in answer to
   {type: "hub-embed-ping"} (the host script asks once it is listening, in case it missed the first one).
   The target origin is "*": a height is no secret, and the card cannot know who frames it. */
(function () {
  "use strict";

  if (window.parent === window) {
    return;
  }
  var card = document.querySelector("[data-hub-embed-card]");
  if (!card) {
    return;
  }
  var lastHeight = 0;

  function post(force) {
    // The card's own box, not the document's: the document is at least as tall as the frame, so it never shrinks.
    var height = Math.ceil(card.getBoundingClientRect().height);
    if (height > 0 && (force || height !== lastHeight)) {
      lastHeight = height;
      window.parent.postMessage({ type: "hub-embed-resize", height: height }, "*");
    }
  }

  if ("ResizeObserver" in window) {
    new ResizeObserver(function () { post(false); }).observe(card);
  } else {
    window.addEventListener("resize", function () { post(false); });
  }
  window.addEventListener("load", function () { post(true); });
  window.addEventListener("message", function (event) {
    if (event.source === window.parent && event.data && event.data.type === "hub-embed-ping") {
      post(true);
    }
  });
  post(true);
})();
