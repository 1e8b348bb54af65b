/* plangraph pictures: draws each [data-graph] element with vis-network (served from /static).
 *
 * The data is JSON embedded in the page (<script type="application/json">, written with
 * Jinja's |tojson), parsed with JSON.parse. Labels are drawn on the canvas; tooltips and the
 * focus panel are elements filled with textContent. Nothing here parses a string from the
 * store as HTML.
 *
 * What a reader can do: click a node to focus on it (it is centred, its neighbours stay
 * bright, the rest fade; the panel below names it with a link to its page), double-click to
 * open its page, choose kinds and relations to show, mark the gaps, open a collapsed cluster
 * by clicking it, and download the picture as PNG or SVG. Each container gets data-node-ids
 * (the IRIs drawn) and data-ready="true" once laid out; window.networks holds the networks.
 */
(function () {
  "use strict";

  var INSIDE = { box: true, ellipse: true, circle: true, database: true, text: true };
  var CLUSTER_AT = 8;     // leaves of one kind around one node past this are one cluster node
  var MIN_SCALE = 0.7;    // below this zoom labels are unreadable: zoom in on the focus instead

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

  function shapeOf(n, graph, layout) {
    var s = (graph.style || {})[n.kind] || { shape: "dot" };
    return n.isPlan || layout === "hierarchy" ? "box" : s.shape;
  }

  function nodeFor(n, graph, layout, markGaps) {
    var s = (graph.style || {})[n.kind] || { color: "#7f7f7f", shape: "dot" };
    var shape = shapeOf(n, graph, layout);
    var fill = n.colour || s.color;
    var gap = markGaps && n.gap;
    var node = {
      id: n.id,
      label: n.label,
      title: tooltip(n.full + " (" + n.kind + ")" + (n.gap ? " — gap: " + n.gap : "")),
      shape: shape,
      color: {
        background: fill,
        border: gap ? graph.gapColour : "#222222",
        highlight: { background: fill, border: "#000000" },
        hover: { background: fill, border: "#000000" }
      },
      font: { color: INSIDE[shape] ? textOn(fill) : "#1a1a1a", size: n.root ? 20 : 16,
              face: "system-ui, sans-serif", strokeWidth: INSIDE[shape] ? 0 : 4, strokeColor: "#ffffff" },
      borderWidth: gap ? 4 : (n.root ? 3 : 1),
      shapeProperties: { borderDashes: gap ? [6, 4] : false },
      size: n.root ? 26 : (n.isPlan ? 24 : 16),
      opacity: 1
    };
    if (layout === "hierarchy") {
      node.widthConstraint = { maximum: 190 };
      node.margin = 10;
      node.x = n.x;
      node.y = n.y;
    }
    return node;
  }

  function edgeFor(e, index, graph, layout) {
    var s = (graph.edgeStyle || {})[e.relation] || { color: "#8a8a8a", dashes: false, width: 1, label: e.relation };
    var label = s.label || e.relation;
    return {
      id: "e" + index,
      from: e.from,
      to: e.to,
      relation: e.relation,
      arrows: s.arrows === false ? "" : { to: { enabled: true, scaleFactor: layout === "hierarchy" ? 1 : 0.7 } },
      title: tooltip(label + (e.score != null ? " (score " + Number(e.score).toFixed(2) + ")" : "")),
      width: e.width || s.width || 1,
      dashes: e.dashes || s.dashes || false,
      color: { color: s.color, highlight: "#000000", hover: "#000000", opacity: 1 },
      font: { size: 13, align: "middle", color: "#1a1a1a", strokeWidth: 4, strokeColor: "#ffffff" },
      labelHighlightBold: false,
      hoverLabel: label
    };
  }

  function options(layout) {
    var base = {
      interaction: { hover: true, tooltipDelay: 150, keyboard: { enabled: true, bindToWindow: false },
                     navigationButtons: false, multiselect: false },
      edges: { smooth: { type: "continuous" } }
    };
    if (layout === "hierarchy") {
      base.physics = false;  // positions come with the data (a tree computed on the server)
      base.edges = { smooth: false };
    } else {
      base.physics = { solver: "forceAtlas2Based", stabilization: { enabled: true, iterations: 300, fit: true },
                       forceAtlas2Based: { gravitationalConstant: -90, springLength: 160, avoidOverlap: 0.5 } };
    }
    return base;
  }

  // -- a picture and its controls ---------------------------------------------------------------
  function Picture(container) {
    var source = document.getElementById(container.getAttribute("data-graph"));
    this.container = container;
    this.graph = JSON.parse(source.textContent);
    this.layout = container.getAttribute("data-layout") || "network";
    this.figure = container.closest("figure") || container.parentNode;
    this.panel = this.figure.querySelector(".focus-panel");
    this.byId = new Map();
    this.hiddenKinds = new Set();
    this.hiddenRelations = new Set();
    this.markGaps = this.layout === "hierarchy";
    this.focusId = null;
    var self = this;
    var ids = [];
    this.graph.nodes.forEach(function (n) { self.byId.set(n.id, n); ids.push(n.id); });
    this.root = (this.graph.nodes.filter(function (n) { return n.root; })[0] || {}).id || null;
    this.nodes = new vis.DataSet(this.graph.nodes.map(function (n) {
      return nodeFor(n, self.graph, self.layout, self.markGaps);
    }));
    this.edges = new vis.DataSet(this.graph.edges.map(function (e, i) {
      return edgeFor(e, i, self.graph, self.layout);
    }));
    container.setAttribute("data-node-ids", JSON.stringify(ids));
    this.network = new vis.Network(container, { nodes: this.nodes, edges: this.edges }, options(this.layout));
    this.wire();
  }

  Picture.prototype.wire = function () {
    var self = this, network = this.network;
    var ready = function () {
      if (self.layout !== "hierarchy") { self.cluster(); }
      self.frame();
      self.container.setAttribute("data-ready", "true");
    };
    if (this.layout === "hierarchy") {
      network.once("afterDrawing", ready);
    } else {
      network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); ready(); });
    }
    network.on("click", function (params) {
      var id = params.nodes && params.nodes[0];
      if (id && network.isCluster(id)) { network.openCluster(id); return; }
      if (id) { self.focus(id, false); } else if (!params.edges.length) { self.focus(null); }
    });
    network.on("doubleClick", function (params) {
      var node = params.nodes && self.byId.get(params.nodes[0]);
      if (node && node.url) { window.location.assign(node.url); }
    });
    network.on("hoverEdge", function (params) {
      var edge = self.edges.get(params.edge);
      if (edge) { self.edges.update({ id: edge.id, label: edge.hoverLabel }); }
    });
    network.on("blurEdge", function (params) { self.edges.update({ id: params.edge, label: "" }); });
    network.on("hoverNode", function () { self.container.style.cursor = "pointer"; });
    network.on("blurNode", function () { self.container.style.cursor = "default"; });
    this.figure.querySelectorAll("input[data-filter-kind]").forEach(function (box) {
      box.addEventListener("change", function () {
        self.toggle(self.hiddenKinds, box.getAttribute("data-filter-kind"), box.checked);
      });
    });
    this.figure.querySelectorAll("input[data-filter-relation]").forEach(function (box) {
      if (!box.checked) { self.hiddenRelations.add(box.getAttribute("data-filter-relation")); }
      box.addEventListener("change", function () {
        self.toggle(self.hiddenRelations, box.getAttribute("data-filter-relation"), box.checked);
      });
    });
    var gaps = this.figure.querySelector("input[data-mark-gaps]");
    if (gaps) {
      gaps.checked = this.markGaps;
      gaps.addEventListener("change", function () { self.markGaps = gaps.checked; self.restyle(); });
    }
    var chooser = this.figure.querySelector("select[data-focus]");
    if (chooser) { chooser.addEventListener("change", function () { self.focus(chooser.value || null, true); }); }
    if (this.hiddenRelations.size) { this.restyle(); }
    this.figure.querySelectorAll("button[data-download]").forEach(function (button) {
      button.addEventListener("click", function () { self.download(button.getAttribute("data-download")); });
    });
  };

  // Frame the picture: everything in view, or, when that makes labels unreadable, the root
  // (or the middle) at a readable zoom.
  Picture.prototype.frame = function () {
    this.network.fit({ animation: false });
    var at = this.root ? this.network.getPositions([this.root])[this.root] : null;
    if (this.network.getScale() < MIN_SCALE) {
      this.network.moveTo({ position: at || this.network.getViewPosition(), scale: MIN_SCALE, animation: false });
    } else if (at && this.layout !== "hierarchy") {
      this.network.moveTo({ position: at, animation: false });
    }
  };

  // Leaves of one kind hanging off one node (twelve indicators of one outcome) become one node
  // "12 indicators"; clicking it opens it.
  Picture.prototype.cluster = function () {
    var self = this, network = this.network;
    var degree = new Map();
    this.graph.edges.forEach(function (e) {
      degree.set(e.from, (degree.get(e.from) || 0) + 1);
      degree.set(e.to, (degree.get(e.to) || 0) + 1);
    });
    var groups = new Map();
    this.graph.edges.forEach(function (e) {
      [[e.from, e.to], [e.to, e.from]].forEach(function (pair) {
        var leaf = self.byId.get(pair[0]);
        if (!leaf || leaf.root || degree.get(pair[0]) !== 1) { return; }
        var key = pair[1] + "\u0000" + leaf.kind;
        if (!groups.has(key)) { groups.set(key, { hub: pair[1], kind: leaf.kind, ids: [] }); }
        groups.get(key).ids.push(pair[0]);
      });
    });
    groups.forEach(function (group, key) {
      if (group.ids.length <= CLUSTER_AT) { return; }
      var members = new Set(group.ids);
      var style = (self.graph.style || {})[group.kind] || { color: "#7f7f7f" };
      var at = network.getPositions(group.ids.concat([group.hub]));
      var hub = at[group.hub], dx = 0, dy = 0;
      group.ids.forEach(function (id) { dx += at[id].x - hub.x; dy += at[id].y - hub.y; });
      var length = Math.sqrt(dx * dx + dy * dy) || 1;
      if (length / group.ids.length < 1) { dx = 1; dy = 0; length = 1; }
      var clusterId = "cluster:" + key;
      network.cluster({
        joinCondition: function (node) { return members.has(node.id); },
        clusterNodeProperties: {
          id: clusterId, label: group.ids.length + " " + group.kind.toLowerCase() + "s (click to open)",
          shape: "box", margin: 10, color: style.color, font: { color: textOn(style.color), size: 16 },
          title: tooltip(group.ids.length + " " + group.kind + " nodes collapsed: click to show them")
        }
      });
      // beside its hub, on the side its members were, never on top of it
      network.moveNode(clusterId, hub.x + 160 * dx / length, hub.y + 160 * dy / length);
    });
  };

  Picture.prototype.toggle = function (set, value, shown) {
    if (shown) { set.delete(value); } else { set.add(value); }
    this.restyle();
  };

  // Hidden kinds and relations, faded nodes outside the focus, gap borders: all in one pass.
  Picture.prototype.restyle = function () {
    var self = this;
    var near = null;
    if (this.focusId) {
      near = new Set([this.focusId]);
      this.graph.edges.forEach(function (e) {
        if (e.from === self.focusId) { near.add(e.to); }
        if (e.to === self.focusId) { near.add(e.from); }
      });
    }
    this.nodes.update(this.graph.nodes.map(function (n) {
      var node = nodeFor(n, self.graph, self.layout, self.markGaps);
      node.hidden = self.hiddenKinds.has(n.kind);
      node.opacity = near && !near.has(n.id) ? 0.18 : 1;
      return node;
    }));
    this.edges.update(this.graph.edges.map(function (e, i) {
      var kindHidden = self.hiddenKinds.has((self.byId.get(e.from) || {}).kind) ||
                       self.hiddenKinds.has((self.byId.get(e.to) || {}).kind);
      var edge = edgeFor(e, i, self.graph, self.layout);
      edge.hidden = kindHidden || self.hiddenRelations.has(e.relation);
      var touches = !near || e.from === self.focusId || e.to === self.focusId;
      edge.color.opacity = touches ? 1 : 0.12;
      return edge;
    }));
  };

  // Focus on a node (null: on nothing). A click leaves the view where it is (a double-click
  // must land on the same node); choosing from the list centres the node.
  Picture.prototype.focus = function (id, centre) {
    this.focusId = id && this.byId.has(id) ? id : null;
    this.container.setAttribute("data-focus", this.focusId || "");
    this.restyle();
    if (this.focusId) {
      var clusterOf = this.network.findNode(this.focusId);
      if (clusterOf.length > 1) { this.network.openCluster(clusterOf[0]); }
      this.network.selectNodes([this.focusId]);
      if (centre) {
        this.network.focus(this.focusId, { scale: Math.max(this.network.getScale(), 0.9), animation: false });
      }
    } else {
      this.network.unselectAll();
    }
    this.describe();
  };

  Picture.prototype.describe = function () {
    if (!this.panel) { return; }
    var self = this;
    this.panel.textContent = "";
    if (!this.focusId) {
      this.panel.textContent = "Click a node to focus on it and its neighbours; double-click to open its page.";
      return;
    }
    var node = this.byId.get(this.focusId);
    var count = this.graph.edges.filter(function (e) { return e.from === self.focusId || e.to === self.focusId; }).length;
    this.panel.append("Focused on ");
    var link = document.createElement("a");
    link.href = node.url;
    link.textContent = node.full;
    this.panel.append(link, " (" + node.kind.toLowerCase() + ", " + count + " line" + (count === 1 ? "" : "s") +
                      " drawn). ");
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "link-button";
    clear.textContent = "Show everything";
    clear.addEventListener("click", function () { self.focus(null); });
    this.panel.append(clear);
  };

  // -- downloads --------------------------------------------------------------------------------
  Picture.prototype.download = function (format) {
    var name = (this.container.getAttribute("data-name") || "plangraph-picture").replace(/[^\w.-]+/g, "-");
    var url = format === "svg" ? "data:image/svg+xml;charset=utf-8," + encodeURIComponent(this.svg())
                               : this.container.querySelector("canvas").toDataURL("image/png");
    var a = document.createElement("a");
    a.href = url;
    a.download = name + "." + format;
    document.body.appendChild(a);
    a.click();
    a.remove();
  };

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  // The picture as SVG, from the laid-out positions: each visible line, each visible node as a
  // shape with its label (text escaped), the same colours as on screen.
  Picture.prototype.svg = function () {
    var self = this;
    var shown = this.graph.nodes.filter(function (n) { return !self.hiddenKinds.has(n.kind); });
    var at = this.network.getPositions(shown.map(function (n) { return n.id; }));
    var xs = [], ys = [];
    Object.keys(at).forEach(function (id) { xs.push(at[id].x); ys.push(at[id].y); });
    var pad = 120, minX = Math.min.apply(null, xs) - pad, minY = Math.min.apply(null, ys) - pad;
    var w = Math.max.apply(null, xs) - minX + pad, h = Math.max.apply(null, ys) - minY + pad;
    var out = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="' + [minX, minY, w, h].join(" ") +
               '" width="' + Math.round(w) + '" height="' + Math.round(h) + '" font-family="sans-serif">',
               '<rect x="' + minX + '" y="' + minY + '" width="' + w + '" height="' + h + '" fill="#ffffff"/>'];
    this.graph.edges.forEach(function (e) {
      var s = (self.graph.edgeStyle || {})[e.relation] || { color: "#8a8a8a" };
      if (!at[e.from] || !at[e.to] || self.hiddenRelations.has(e.relation)) { return; }
      out.push('<line x1="' + at[e.from].x + '" y1="' + at[e.from].y + '" x2="' + at[e.to].x + '" y2="' + at[e.to].y +
               '" stroke="' + s.color + '" stroke-width="' + (e.width || s.width || 1) + '"' +
               (s.dashes ? ' stroke-dasharray="' + s.dashes.join(" ") + '"' : "") + '><title>' + esc(s.label) + "</title></line>");
    });
    shown.forEach(function (n) {
      var p = at[n.id], fill = n.colour || ((self.graph.style || {})[n.kind] || {}).color || "#7f7f7f";
      out.push('<g><title>' + esc(n.full + " (" + n.kind + ")") + "</title>" +
               '<circle cx="' + p.x + '" cy="' + p.y + '" r="' + (n.root ? 14 : 9) + '" fill="' + fill + '" stroke="#222"/>' +
               '<text x="' + p.x + '" y="' + (p.y + 26) + '" text-anchor="middle" font-size="13" fill="#1a1a1a">' +
               esc(n.label) + "</text></g>");
    });
    out.push("</svg>");
    return out.join("\n");
  };

  var networks = [];
  if (typeof vis !== "undefined") {
    document.querySelectorAll("[data-graph]").forEach(function (container) {
      var picture = new Picture(container);
      picture.describe();
      container.picture = picture;
      networks.push(picture.network);
    });
  }
  window.networks = networks;
  window.network = networks[0] || null;
})();
