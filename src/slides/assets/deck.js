// A lesson's slide deck (npm run slides): starts reveal.js and draws each Plotly figure the first time its
// slide is shown (a chart drawn in a hidden slide would get no size). Everything it loads sits beside the
// deck in assets/: it works from the file system with no network.
(function () {
  "use strict";

  function readJson(script) {
    try {
      return JSON.parse(script.textContent || "null");
    } catch (error) {
      console.error("bitbound slides: a figure's JSON could not be read: " + error);
      return null;
    }
  }

  function drawFigures(slide) {
    if (!slide || !window.Plotly) return;
    var figures = slide.querySelectorAll("figure.plotly-figure:not(.drawn)");
    Array.prototype.forEach.call(figures, function (figure) {
      var json = figure.querySelector("script.plotly-json");
      var target = figure.querySelector(".plotly-target");
      var spec = json && readJson(json);
      if (!spec || !target) return;
      figure.classList.add("drawn");
      var layout = Object.assign({}, spec.layout || {});
      delete layout.width; // the slide sets the size
      delete layout.height;
      layout.autosize = true;
      var config = Object.assign({}, spec.config || {}, { responsive: true, displaylogo: false, showLink: false });
      window.Plotly.newPlot(target, spec.data || [], layout, config, spec.frames).then(function () {
        var drawn = Number(document.documentElement.getAttribute("data-figures-drawn") || "0") + 1;
        document.documentElement.setAttribute("data-figures-drawn", String(drawn));
      });
    });
  }

  if (!window.Plotly) console.error("bitbound slides: plotly.js did not load");
  var plugins = window.RevealNotes ? [window.RevealNotes] : [];
  window.Reveal.initialize({ hash: true, center: false, width: 1280, height: 800, margin: 0.03, slideNumber: "c/t", plugins: plugins }).then(function () {
    drawFigures(window.Reveal.getCurrentSlide());
    document.documentElement.setAttribute("data-deck-ready", "true");
  });
  window.Reveal.on("slidechanged", function (event) {
    drawFigures(event.currentSlide);
  });
})();
