// The bitbound course site's one script (plain browser JavaScript, loaded by every page after plotly.js
// where a page has figures). It draws the Plotly figures from the JSON each page embeds, gives every
// Plotly slider and dropdown a native, keyboard-operable control, scores the quizzes, builds nbgitpuller
// links for a hub the reader types in, filters the claims table, and opens every <details> for printing.
// It reads nothing from the network. Course text is never written with innerHTML: the page's HTML was
// escaped when the site was built, and this script only moves existing nodes and sets textContent.
(function () {
  "use strict";

  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  var printable = document.body.classList.contains("printable");

  function readJson(element) {
    try {
      return JSON.parse(element.textContent);
    } catch (e) {
      console.error("bitbound site: unreadable embedded JSON", e);
      return null;
    }
  }

  function openAllDetails() {
    document.querySelectorAll("details").forEach(function (d) {
      d.open = true;
    });
  }

  // ---- figures -------------------------------------------------------------------------------------

  /** Applies a slider step or dropdown button the way Plotly would ({method, args}). */
  function applyStep(gd, step) {
    var args = step.args || [];
    switch (step.method) {
      case "update":
        return window.Plotly.update(gd, args[0] || {}, args[1] || {}, args[2]);
      case "restyle":
        return window.Plotly.restyle(gd, args[0] || {}, args[1]);
      case "relayout":
        return window.Plotly.relayout(gd, args[0] || {});
      case "animate":
        return window.Plotly.animate(gd, args[0], args[1]);
      default:
        return Promise.resolve();
    }
  }

  function controlLabel(text, fallback) {
    var t = typeof text === "string" ? text.replace(/:\s*$/, "").trim() : "";
    return t || fallback;
  }

  /** A range input for each Plotly slider, kept in step with the chart's own slider both ways. */
  function addSliders(figure, gd, layout, controls) {
    (layout.sliders || []).forEach(function (slider, s) {
      var steps = slider.steps || [];
      if (steps.length < 2) return;
      var id = figure.id + "-slider-" + s;
      var name = controlLabel(slider.currentvalue && slider.currentvalue.prefix, "Step");
      var row = document.createElement("div");
      row.className = "figure-control";
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = name + ": ";
      var input = document.createElement("input");
      input.type = "range";
      input.id = id;
      input.min = "0";
      input.max = String(steps.length - 1);
      input.step = "1";
      input.value = String(slider.active || 0);
      var value = document.createElement("output");
      value.htmlFor = id;
      function describe(k) {
        value.textContent = steps[k].label;
        input.setAttribute("aria-valuetext", name + " " + steps[k].label);
      }
      describe(Number(input.value));
      input.addEventListener("input", function () {
        var k = Number(input.value);
        describe(k);
        applyStep(gd, steps[k]).then(function () {
          var update = {};
          update["sliders[" + s + "].active"] = k;
          return window.Plotly.relayout(gd, update);
        });
      });
      gd.on("plotly_sliderchange", function (event) {
        var sliders = gd.layout.sliders || [];
        if (event && event.slider && sliders[s] && event.slider._index !== undefined && event.slider._index !== s) return;
        var k = sliders[s] ? sliders[s].active : Number(input.value);
        if (String(k) !== input.value) {
          input.value = String(k);
          describe(k);
        }
      });
      row.appendChild(label);
      row.appendChild(input);
      row.appendChild(value);
      controls.appendChild(row);
    });
  }

  /** A select for each Plotly dropdown (updatemenus of type dropdown or buttons). */
  function addDropdowns(figure, gd, layout, controls) {
    (layout.updatemenus || []).forEach(function (menu, m) {
      var buttons = menu.buttons || [];
      if (buttons.length < 2) return;
      var id = figure.id + "-menu-" + m;
      var row = document.createElement("div");
      row.className = "figure-control";
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = controlLabel(menu.name, "Choice") + ": ";
      var select = document.createElement("select");
      select.id = id;
      buttons.forEach(function (b, k) {
        var option = document.createElement("option");
        option.value = String(k);
        option.textContent = b.label || String(k + 1);
        select.appendChild(option);
      });
      select.value = String(menu.active || 0);
      select.addEventListener("change", function () {
        var k = Number(select.value);
        applyStep(gd, buttons[k]).then(function () {
          var update = {};
          update["updatemenus[" + m + "].active"] = k;
          return window.Plotly.relayout(gd, update);
        });
      });
      gd.on("plotly_buttonclicked", function (event) {
        if (event && event.menu && event.menu._index !== undefined && event.menu._index !== m) return;
        if (event && typeof event.active === "number") select.value = String(event.active);
      });
      row.appendChild(label);
      row.appendChild(select);
      controls.appendChild(row);
    });
  }

  function drawFigure(figure) {
    var json = figure.querySelector("script.plotly-json");
    var target = figure.querySelector(".plotly-target");
    var spec = json && readJson(json);
    if (!spec || !target) return Promise.resolve();
    var layout = Object.assign({}, spec.layout || {});
    delete layout.width; // the page's column sets the width
    layout.autosize = true;
    var config = Object.assign({}, spec.config || {}, { responsive: true, displaylogo: false, showLink: false });
    if (printable) config.staticPlot = true;
    return window.Plotly.newPlot(target, spec.data || [], layout, config, spec.frames).then(function (gd) {
      figure.classList.add("drawn");
      if (printable) return;
      var controls = document.createElement("div");
      controls.className = "figure-controls";
      addSliders(figure, gd, layout, controls);
      addDropdowns(figure, gd, layout, controls);
      if (controls.childNodes.length) figure.insertBefore(controls, json);
    });
  }

  /** Draws the figures one after another, yielding between them so the page stays responsive. */
  function drawFigures() {
    var figures = Array.prototype.slice.call(document.querySelectorAll("figure.plotly-figure"));
    if (figures.length === 0) return;
    if (!window.Plotly) {
      console.error("bitbound site: plotly.js did not load");
      return;
    }
    var i = 0;
    function next() {
      if (i >= figures.length) {
        document.documentElement.setAttribute("data-figures-drawn", String(figures.length));
        return;
      }
      var figure = figures[i++];
      drawFigure(figure)
        .catch(function (e) {
          console.error("bitbound site: figure " + figure.id + " could not be drawn", e);
        })
        .then(function () {
          setTimeout(next, 0);
        });
    }
    next();
  }

  // ---- quiz ----------------------------------------------------------------------------------------

  function parseNumber(text) {
    var t = String(text).trim().replace(/\u2212/g, "-").replace(/[\s_]/g, "");
    if (t.indexOf(",") >= 0) t = t.indexOf(".") >= 0 ? t.replace(/,/g, "") : t.replace(",", ".");
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i.test(t)) return null;
    return parseFloat(t);
  }

  function setupQuiz(section) {
    var keyElement = section.querySelector("script.quiz-key");
    var key = keyElement && readJson(keyElement);
    if (!key) return;
    var score = section.querySelector(".quiz-score");
    var results = {};
    var questions = section.querySelectorAll("li.bitbound-question");
    function updateScore() {
      var ids = Object.keys(results);
      var right = ids.filter(function (id) {
        return results[id];
      }).length;
      if (score) score.textContent = "Score: " + right + " correct of " + ids.length + " answered (" + questions.length + " questions).";
    }
    questions.forEach(function (li, n) {
      var id = li.getAttribute("data-id");
      var entry = key[id];
      if (!entry) return;
      var details = li.querySelector("details");
      var controls = document.createElement("div");
      controls.className = "quiz-controls";
      var feedback = document.createElement("p");
      feedback.className = "quiz-feedback";
      feedback.setAttribute("role", "status");
      var read;
      if (entry.type === "multiple-choice") {
        var name = section.id + "-q" + n;
        li.querySelectorAll("ol[type='A'] > li").forEach(function (choice, c) {
          var label = document.createElement("label");
          label.className = "quiz-choice";
          var radio = document.createElement("input");
          radio.type = "radio";
          radio.name = name;
          radio.value = String(c);
          label.appendChild(radio);
          while (choice.firstChild) label.appendChild(choice.firstChild);
          choice.appendChild(label);
        });
        read = function () {
          var checked = li.querySelector("input[type='radio']:checked");
          return checked ? Number(checked.value) : null;
        };
      } else {
        var label = document.createElement("label");
        label.textContent = "Your answer" + (entry.unit ? " (" + entry.unit + ")" : "") + ": ";
        var input = document.createElement("input");
        input.type = "text";
        input.inputMode = "decimal";
        input.autocomplete = "off";
        input.className = "quiz-number";
        label.appendChild(input);
        controls.appendChild(label);
        input.addEventListener("keydown", function (e) {
          if (e.key === "Enter") button.click();
        });
        read = function () {
          return parseNumber(input.value);
        };
      }
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = "Check";
      button.addEventListener("click", function () {
        var answer = read();
        if (answer === null) {
          feedback.textContent = entry.type === "numeric" ? "Type a number first." : "Choose one of the answers first.";
          feedback.className = "quiz-feedback";
          return;
        }
        var right;
        if (entry.type === "numeric") {
          var allowed = entry.tolerance + entry.relativeTolerance * Math.abs(entry.answer) + 1e-12 * Math.abs(entry.answer);
          right = Math.abs(answer - entry.answer) <= allowed;
        } else {
          right = answer === entry.answer;
        }
        results[id] = right;
        var correct = entry.type === "numeric" ? String(entry.answer) + (entry.unit ? " " + entry.unit : "") : LETTERS.charAt(entry.answer);
        feedback.textContent = right ? "Correct. The explanation is below." : "Not quite: the answer is " + correct + ". The explanation is below.";
        feedback.className = "quiz-feedback " + (right ? "correct" : "wrong");
        if (details) details.open = true;
        updateScore();
      });
      controls.appendChild(button);
      controls.appendChild(feedback);
      li.insertBefore(controls, details);
    });
    updateScore();
  }

  // ---- flashcards ----------------------------------------------------------------------------------

  function setupFlashcards(section) {
    var cards = section.querySelectorAll("details.bitbound-card");
    var counter = document.createElement("p");
    counter.className = "flashcard-count";
    counter.setAttribute("aria-live", "polite");
    function count() {
      var turned = section.querySelectorAll("details.bitbound-card[open]").length;
      counter.textContent = turned + " of " + cards.length + " cards turned over.";
    }
    cards.forEach(function (card) {
      card.addEventListener("toggle", function () {
        card.classList.toggle("flipped", card.open);
        count();
      });
    });
    var hint = section.querySelector(".hint");
    if (hint) hint.parentNode.insertBefore(counter, hint.nextSibling);
    count();
  }

  // ---- launch on a JupyterHub ----------------------------------------------------------------------

  function setupHubLaunch(box) {
    var input = box.querySelector("input");
    var button = box.querySelector("button");
    var stored = null;
    try {
      stored = window.localStorage.getItem("bitbound-hub");
    } catch (e) {
      stored = null; // storage refused (a file:// page in some browsers): the field just starts empty
    }
    if (stored) input.value = stored;
    button.addEventListener("click", function () {
      var hub = input.value.trim().replace(/\/+$/, "");
      if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(hub)) {
        input.setCustomValidity("Type your hub's address, such as https://hub.example.edu");
        input.reportValidity();
        return;
      }
      input.setCustomValidity("");
      try {
        window.localStorage.setItem("bitbound-hub", hub);
      } catch (e) {
        // not remembered; the link still opens
      }
      var d = box.dataset;
      var query =
        "repo=" + encodeURIComponent(d.repository) + "&branch=" + encodeURIComponent(d.branch) + "&urlpath=" + encodeURIComponent("lab/tree/" + d.folder + "/" + d.path);
      window.location.href = hub + "/hub/user-redirect/git-pull?" + query;
    });
  }

  // ---- claims table filter -------------------------------------------------------------------------

  function setupFilter(input) {
    var table = document.getElementById(input.getAttribute("data-table"));
    if (!table) return;
    var rows = table.querySelectorAll("tbody tr");
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        row.hidden = !words.every(function (w) {
          return text.indexOf(w) >= 0;
        });
      });
    });
  }

  document.querySelectorAll("section.quiz-section").forEach(setupQuiz);
  document.querySelectorAll("section.flashcards-section").forEach(setupFlashcards);
  document.querySelectorAll(".hub-launch").forEach(setupHubLaunch);
  document.querySelectorAll("input.table-filter").forEach(setupFilter);
  window.addEventListener("beforeprint", openAllDetails);
  if (printable) openAllDetails();
  drawFigures();
})();
