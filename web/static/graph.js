/* plangraph pictures: draws each [data-graph] element with vis-network (served from /static).
 *
 * The data is JSON embedded in the page (<script type="application/json">, written with
 * Jinja's |tojson), parsed with JSON.parse. Labels are drawn on the canvas; tooltips are
 * elements filled with textContent. Nothing here parses a string from the store as HTML.
 * Each container gets data-node-ids (the IRIs drawn) and data-ready="true" once laid out;
 * window.network is the page's first network. Clicking a node opens its page.
 */
(function () {
  "use strict";

  var INSIDE = { box: true, ellipse: true, circle: true, database: true, text: true };

  // dark text on light fills, white on dark ones (WCAG relative luminance)
  function textOn(hex) {
    var m = /^#([0-9a-f]{6})$/i.exec(hex || "");
    if (!m) { return "#1a1a1a"; }
    var rgb = [0, 2, 4].map(function (i) {
      var c = parseInt(m[1].substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    var luminance = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    return luminance > 0.22 ? "#1a1a1a" : "#ffffff";
  }

  function tooltip(text) {
    var el = document.createElement("div");
    el.className = "graph-tooltip";
    el.textContent = text;
    return el;
  }

  function nodeFor(n, graph, layout) {
    var styles = graph.style || {};
    var s = styles[n.kind] || styles.Thing || { color: "#7f7f7f", shape: "dot", font: "#1a1a1a" };
    var shape = n.isPlan || layout === "hierarchy" ? "box" : s.shape;
    var fill = n.colour || s.color;
    var fontColour = INSIDE[shape] ? textOn(fill) : "#1a1a1a";
    var text = n.full + " (" + n.kind + ")" + (n.gap ? " — gap: " + n.gap : "");
    var node = {
      id: n.id,
      label: n.label,
      title: tooltip(text),
      shape: shape,
      color: {
        background: fill,
        border: n.gap ? graph.gapColour : "#222222",
        highlight: { background: fill, border: "#000000" },
        hover: { background: fill, border: "#000000" }
      },
      font: { color: fontColour, size: n.root ? 18 : 14, face: "system-ui, sans-serif" },
      borderWidth: n.gap ? 4 : (n.root ? 3 : 1),
      shapeProperties: { borderDashes: n.gap ? [6, 4] : false },
      size: n.root ? 26 : (n.isPlan ? 24 : 16)
    };
    if (layout === "hierarchy") {
      node.widthConstraint = { maximum: 170 };
      node.margin = 8;
      node.x = n.x;
      node.y = n.y;
    }
    return node;
  }

  function edgeFor(e, index, many) {
    return {
      id: "e" + index,
      from: e.from,
      to: e.to,
      arrows: e.relation === "alignedWith" ? "" : "to",
      label: many ? undefined : (e.label || e.relation),
      title: tooltip((e.label || e.relation) + (e.score != null ? " (score " + Number(e.score).toFixed(2) + ")" : "")),
      width: e.width || 1,
      dashes: !!e.dashes,
      color: { color: e.relation === "alignedWith" ? "#444444" : "#8a8a8a", highlight: "#000000" },
      font: { size: 10, align: "middle", color: "#333333", strokeWidth: 3 }
    };
  }

  function options(layout) {
    var base = {
      interaction: { hover: true, tooltipDelay: 150, keyboard: { enabled: true, bindToWindow: false },
                     navigationButtons: false, multiselect: false },
      edges: { smooth: { type: "continuous" } }
    };
    if (layout === "hierarchy") {
      // positions come with the data (a tree computed on the server): no physics
      base.physics = false;
      base.edges = { smooth: false };
    } else {
      base.physics = { solver: "forceAtlas2Based", stabilization: { enabled: true, iterations: 300, fit: true },
                       forceAtlas2Based: { gravitationalConstant: -80, springLength: 140, avoidOverlap: 0.4 } };
    }
    return base;
  }

  function draw(container) {
    var source = document.getElementById(container.getAttribute("data-graph"));
    if (!source || typeof vis === "undefined") { return null; }
    var graph = JSON.parse(source.textContent);
    var layout = container.getAttribute("data-layout") || "network";
    var byId = new Map();
    var ids = [];
    graph.nodes.forEach(function (n) { byId.set(n.id, n); ids.push(n.id); });
    var many = graph.edges.length > 40;
    var nodes = new vis.DataSet(graph.nodes.map(function (n) { return nodeFor(n, graph, layout); }));
    var edges = new vis.DataSet(graph.edges.map(function (e, i) { return edgeFor(e, i, many); }));
    container.setAttribute("data-node-ids", JSON.stringify(ids));
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, options(layout));

    function ready() {
      network.fit();
      container.setAttribute("data-ready", "true");
    }
    if (layout === "hierarchy") {
      network.once("afterDrawing", ready);
    } else {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: false });
        ready();
      });
    }
    network.on("click", function (params) {
      if (params.nodes && params.nodes.length) {
        var node = byId.get(params.nodes[0]);
        if (node && node.url) { window.location.assign(node.url); }
      }
    });
    network.on("hoverNode", function () { container.style.cursor = "pointer"; });
    network.on("blurNode", function () { container.style.cursor = "default"; });
    return network;
  }

  var networks = [];
  document.querySelectorAll("[data-graph]").forEach(function (container) {
    var network = draw(container);
    if (network) { networks.push(network); }
  });
  window.networks = networks;
  window.network = networks[0] || null;
})();
