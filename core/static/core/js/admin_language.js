/* Opens an edit form on one language: with ?lang=ar in its address (the translators' dashboard links so), the
   language toggles of wagtail-modeltranslation start with English and that language shown, instead of what the
   last form showed. Runs before the toggles are built (they wait for the document to be ready). Without
   JavaScript there are no toggles and every language's fields are shown, so nothing is needed. */
(function () {
  "use strict";
  var settings = window.wagtailModelTranslations;
  if (!settings) return;
  var lang = new URLSearchParams(window.location.search).get("lang");
  if (!lang || settings.languages.indexOf(lang) === -1) return;
  var shown = [settings.defaultLanguage];
  if (lang !== settings.defaultLanguage) shown.push(lang);
  settings.locale_picker_default = shown;
  settings.locale_picker_restore = false;
})();
