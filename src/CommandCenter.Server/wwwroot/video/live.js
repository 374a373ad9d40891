// The plain live-view page: ?camera={siteId}.{deviceId}
(function () {
  'use strict';
  const camera = new URLSearchParams(location.search).get('camera') || '';
  document.getElementById('camera').textContent = camera;
  const stateEl = document.getElementById('state');
  const player = new window.CcLivePlayer(document.getElementById('video'), (state, detail) => {
    stateEl.textContent = state + (detail ? ': ' + detail : '');
    stateEl.className = state;
  });
  window.ccLive = player;
  setInterval(() => {
    const l = player.latencies.slice(-50).sort((a, b) => a - b);
    document.getElementById('latency').textContent = l.length ? l[Math.floor(l.length / 2)] + ' ms (median of last ' + l.length + ' frames)' : '–';
  }, 1000);
  if (camera) player.play(camera);
})();
