// Draws the dashboard charts from the JSON blocks beside them (no inline script: the CSP forbids it).
// Every number is also in the table next to its chart; without JavaScript the tables remain.
(function () {
  'use strict';
  if (!window.Chart) return;
  var numbers = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
  var palette = ['#0b5394', '#1e7b34', '#9a6700', '#b42318', '#5b3f99', '#0f766e', '#52606d', '#c2410c'];

  function format(value, unit) {
    if (value === null || value === undefined) return '–';
    return numbers.format(value) + (unit === '%' ? '%' : unit === 'đồng' ? ' đ' : '');
  }

  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute('data-chart'));
    if (!source) return;
    var data = JSON.parse(source.textContent);
    var horizontal = data.type === 'barh';
    var valueAxis = horizontal ? 'x' : 'y';
    var scales = {};
    scales[valueAxis] = { beginAtZero: true, ticks: { precision: data.unit === '%' ? undefined : 0, callback: function (value) { return format(value, data.unit); } } };
    new window.Chart(canvas, {
      type: horizontal ? 'bar' : data.type,
      data: {
        labels: data.labels,
        datasets: data.series.map(function (series, i) {
          var color = series.target ? '#9aa5b1' : palette[i % palette.length];
          return {
            label: series.label,
            data: series.values,
            type: series.target && data.type !== 'line' ? 'line' : undefined,
            backgroundColor: color,
            borderColor: color,
            borderDash: series.target ? [6, 4] : undefined,
            spanGaps: true,
            fill: false
          };
        })
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: scales,
        plugins: {
          legend: { display: data.series.length > 1 },
          tooltip: { callbacks: { label: function (item) { return item.dataset.label + ': ' + format(item.raw, data.unit); } } }
        },
        onClick: function (event, elements) {
          if (!data.links || elements.length === 0) return;
          var link = data.links[elements[0].index];
          if (link) window.location.href = link;
        },
        onHover: function (event, elements) {
          event.native.target.style.cursor = data.links && elements.length > 0 && data.links[elements[0].index] ? 'pointer' : 'default';
        }
      }
    });
  });
})();
