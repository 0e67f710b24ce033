// The explorer's one script: the entity timeline, drawn with Chart.js from the data the page carries as JSON.
'use strict';
(function drawTimeline() {
  const canvas = document.getElementById('timeline');
  const data = document.getElementById('timeline-data');
  if (!canvas || !data || typeof Chart === 'undefined') return;
  const { months, series } = JSON.parse(data.textContent);
  const colours = { document: '#4f7fd6', sentence: '#8bbf6a', quote: '#e0b100' };
  const labels = { document: 'documents', sentence: 'dated sentences', quote: 'quotes' };
  // eslint-disable-next-line no-undef
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: months,
      datasets: Object.keys(series).map((kind) => ({
        label: labels[kind],
        data: series[kind],
        backgroundColor: colours[kind],
      })),
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
  canvas.dataset.drawn = 'true';
})();
