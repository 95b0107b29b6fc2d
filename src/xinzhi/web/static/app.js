// Draw every chart of the page from its embedded Plotly JSON, then flag the page as ready.
(function () {
  var nodes = document.querySelectorAll('script[type="application/json"][data-for]');
  var pending = [];
  nodes.forEach(function (node) {
    var fig = JSON.parse(node.textContent);
    var el = document.getElementById(node.getAttribute('data-for'));
    pending.push(Plotly.newPlot(el, fig.data, fig.layout, {responsive: true, displaylogo: false}));
  });
  Promise.all(pending).then(function () { window.chartsReady = true; document.body.dataset.charts = String(pending.length); });
})();
