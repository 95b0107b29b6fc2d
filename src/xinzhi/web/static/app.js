// Draw every chart of the page from its embedded Plotly JSON (a click on a shape or bar that carries
// a link in its customdata opens it: the map's drill-down), make every table sortable by any column
// and filterable by its category columns, then flag the page as ready.
(function () {
  var nodes = document.querySelectorAll('script[type="application/json"][data-for]');
  var pending = [];
  nodes.forEach(function (node) {
    var fig = JSON.parse(node.textContent);
    var el = document.getElementById(node.getAttribute('data-for'));
    pending.push(Plotly.newPlot(el, fig.data, fig.layout, {responsive: true, displaylogo: false}).then(function (gd) {
      gd.on('plotly_click', function (ev) {
        var p = ev && ev.points && ev.points[0];
        var link = p && (p.customdata || (p.data && p.data.customdata && p.data.customdata[0]));
        if (typeof link === 'string' && link.charAt(0) === '/') { window.location.href = link; }
      });
      return gd;
    }));
  });

  function cellKey(row, i) {
    var td = row.children[i];
    return td ? td.getAttribute('data-v') || td.textContent : '';
  }

  document.querySelectorAll('table.data').forEach(function (table) {
    var heads = table.querySelectorAll('thead th');
    heads.forEach(function (th, i) {
      th.addEventListener('click', function (ev) {
        if (ev.target.classList.contains('tip')) { return; }
        if (table.dataset.serverSort) {  // a paged list: sort on the server
          var url = new URL(window.location.href);
          var same = url.searchParams.get('sort') === th.dataset.name;
          var asc = th.classList.contains('sorted-asc');
          url.searchParams.set('sort', th.dataset.name);
          url.searchParams.set('dir', same ? (asc ? 'desc' : 'asc') : (th.classList.contains('num') ? 'desc' : 'asc'));
          url.searchParams.delete('page');
          window.location.href = url.toString();
          return;
        }
        var asc = !th.classList.contains('sorted-asc');
        heads.forEach(function (h) { h.classList.remove('sorted-asc', 'sorted-desc'); });
        th.classList.add(asc ? 'sorted-asc' : 'sorted-desc');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var numeric = rows.every(function (r) { var k = cellKey(r, i); return k === '' || !isNaN(parseFloat(k)); });
        rows.sort(function (a, b) {
          var x = cellKey(a, i), y = cellKey(b, i);
          if (x === '' && y !== '') { return 1; }
          if (y === '' && x !== '') { return -1; }
          var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, 'zh');
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });

  document.querySelectorAll('.tablefilters').forEach(function (box) {
    var table = document.getElementById(box.getAttribute('data-for'));
    var selects = box.querySelectorAll('select');
    function apply() {
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var show = true;
        selects.forEach(function (s) {
          var want = s.value;
          var td = row.children[parseInt(s.getAttribute('data-index'), 10)];
          if (want && (!td || td.textContent.trim() !== want)) { show = false; }
        });
        row.style.display = show ? '' : 'none';
      });
    }
    selects.forEach(function (s) { s.addEventListener('change', apply); });
  });

  Promise.all(pending).then(function () { window.chartsReady = true; document.body.dataset.charts = String(pending.length); });
})();
