// Draws the graph of #graph-data (JSON written by the server with |tojson) on the vis-network
// canvas. Titles are plain strings: vis-network shows them with innerText, never as HTML.
// A click on a node opens its page. The drawn node count is kept in data-drawn-nodes.
(function () {
  "use strict";
  function start() {
    var box = document.getElementById("graph");
    var raw = document.getElementById("graph-data");
    if (!box || !raw || typeof vis === "undefined") { return; }
    var data = JSON.parse(raw.textContent);
    var nodes = new vis.DataSet(data.nodes.map(function (n) {
      var node = {id: n.id, label: n.text, title: n.title, shape: n.shape, url: n.url, group: n.group,
                  color: {background: n.color, border: "#333333",
                          highlight: {background: n.color, border: "#000000"}},
                  font: {color: n.shape === "box" ? "#ffffff" : "#222222", size: 14}};
      if (n.id === data.center) { node.borderWidth = 3; node.font.size = 16; }
      if (n.level !== null && n.level !== undefined) { node.level = n.level; }
      if (n.shape === "triangle" || n.shape === "star" || n.shape === "diamond" || n.shape === "dot") {
        node.size = 16;
      }
      return node;
    }));
    var crowded = data.edges.length > 40;  // many edges: type labels only on hover
    var edges = new vis.DataSet(data.edges.map(function (e) {
      return {id: e.id, from: e.source, to: e.target, label: crowded ? undefined : e.text, title: e.title,
              arrows: e.dashed ? "" : "to", dashes: e.dashed, font: {size: 10, align: "middle"},
              color: {color: "#8a8a8a", highlight: "#222222"}};
    }));
    var hierarchical = box.dataset.kind === "lineage";
    var big = data.nodes.length > 100;  // keep large views responsive: fewer layout iterations
    var options = {
      interaction: {hover: true, tooltipDelay: 150, hideEdgesOnDrag: big},
      physics: hierarchical ? false : {stabilization: {iterations: big ? 60 : 200, updateInterval: 20},
                                       barnesHut: {springLength: big ? 120 : 160, gravitationalConstant: -3000}},
      layout: hierarchical ? {hierarchical: {direction: "UD", sortMethod: "directed", levelSeparation: 130,
                                             nodeSpacing: 220}} : {randomSeed: 7, improvedLayout: !big},
      edges: {smooth: hierarchical ? false : {type: "dynamic"}}
    };
    var network = new vis.Network(box, {nodes: nodes, edges: edges}, options);
    network.once("stabilizationIterationsDone", function () { network.setOptions({physics: false}); });
    network.on("afterDrawing", function () { box.dataset.drawnNodes = String(nodes.length); });
    network.on("click", function (params) {
      if (params.nodes.length === 1) {
        var node = nodes.get(params.nodes[0]);
        if (node && node.url) { window.location.assign(node.url); }
      }
    });
    window.policygraphNetwork = network;
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
