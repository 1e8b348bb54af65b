/* The SPARQL console: CodeMirror's SPARQL mode over the form's textarea (the form works without
 * it), completion of the ontology's classes and properties after a prefix (Ctrl-Space, or as
 * you type "pg:"), example queries, and the last queries run kept in this browser's storage.
 * The vocabulary and examples are JSON embedded in the page; nothing is fetched.
 */
(function () {
  "use strict";

  var HISTORY_KEY = "plangraph.console.history";
  var HISTORY_SIZE = 20;
  var textarea = document.getElementById("query");
  var form = document.getElementById("console-form");
  if (!textarea || !form) { return; }
  var examples = JSON.parse(document.getElementById("console-examples").textContent);
  var vocabulary = JSON.parse(document.getElementById("console-vocabulary").textContent);

  function history() {
    try { return JSON.parse(window.localStorage.getItem(HISTORY_KEY) || "[]"); } catch (e) { return []; }
  }

  function remember(text) {
    var kept = history().filter(function (q) { return q !== text; });
    kept.unshift(text);
    try { window.localStorage.setItem(HISTORY_KEY, JSON.stringify(kept.slice(0, HISTORY_SIZE))); } catch (e) { /* private mode */ }
  }

  // the prefixed name being typed before the cursor ("pg:Out"), and where it starts
  function typed(cm) {
    var cursor = cm.getCursor();
    var line = cm.getLine(cursor.line).slice(0, cursor.ch);
    var m = /([A-Za-z][\w-]*:[\w-]*|[A-Za-z][\w-]*)$/.exec(line);
    return { text: m ? m[1] : "", from: CodeMirror.Pos(cursor.line, cursor.ch - (m ? m[1].length : 0)), to: cursor };
  }

  function complete(cm) {
    var word = typed(cm);
    var needle = word.text.toLowerCase();
    var list = vocabulary.filter(function (t) {
      var name = t.name.toLowerCase();
      return !needle || name.indexOf(needle) === 0 || name.split(":")[1].indexOf(needle) === 0;
    }).map(function (t) {
      return { text: t.name, displayText: t.name + "  (" + t.kind + ")" + (t.note ? " — " + t.note : "") };
    });
    return { list: list.slice(0, 60), from: word.from, to: word.to };
  }

  var editor = null;
  if (typeof CodeMirror !== "undefined") {
    editor = CodeMirror.fromTextArea(textarea, {
      mode: "application/sparql-query", lineNumbers: true, matchBrackets: true, indentUnit: 2,
      viewportMargin: Infinity, screenReaderLabel: "SPARQL query",
      extraKeys: {
        "Ctrl-Space": function (cm) { cm.showHint({ hint: complete, completeSingle: false }); },
        "Ctrl-Enter": function () { form.requestSubmit ? form.requestSubmit() : form.submit(); },
        "Cmd-Enter": function () { form.requestSubmit ? form.requestSubmit() : form.submit(); },
        "Tab": false, "Shift-Tab": false  // the keyboard leaves the editor as it leaves a textarea
      }
    });
    editor.on("inputRead", function (cm, change) {
      if (change.text.join("") === ":" || /^[\w-]$/.test(change.text.join("")) && /:[\w-]*$/.test(typed(cm).text)) {
        cm.showHint({ hint: complete, completeSingle: false });
      }
    });
    editor.getWrapperElement().setAttribute("data-editor", "codemirror");
  }

  function setText(text) {
    if (editor) { editor.setValue(text); editor.focus(); } else { textarea.value = text; }
  }

  var exampleChoice = document.getElementById("example");
  exampleChoice.addEventListener("change", function () {
    if (exampleChoice.value && examples[exampleChoice.value]) { setText(examples[exampleChoice.value]); }
  });

  var historyChoice = document.getElementById("history");
  var past = history();
  if (past.length) {
    historyChoice.textContent = "";
    var none = document.createElement("option");
    none.value = "";
    none.textContent = "(choose one of " + past.length + ")";
    historyChoice.appendChild(none);
    past.forEach(function (q, i) {
      var option = document.createElement("option");
      option.value = String(i);
      option.textContent = q.replace(/\s+/g, " ").slice(0, 80);
      historyChoice.appendChild(option);
    });
  }
  historyChoice.addEventListener("change", function () {
    var chosen = history()[Number(historyChoice.value)];
    if (historyChoice.value !== "" && chosen) { setText(chosen); }
  });

  form.addEventListener("submit", function () {
    if (editor) { editor.save(); }
    if (textarea.value.trim()) { remember(textarea.value); }
  });
}());
