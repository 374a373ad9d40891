// Plays a recorded range as MP4 and posts review marks at the moment shown.
(function () {
  'use strict';
  const range = document.getElementById('range'), video = document.getElementById('video');
  const params = new URLSearchParams(location.search);
  for (const name of ['camera', 'from', 'to']) if (params.get(name)) range.elements[name].value = params.get(name);
  let start = null;
  const moment = () => start === null ? null : new Date(start.getTime() + video.currentTime * 1000);
  const load = () => {
    const f = range.elements;
    start = new Date(f.from.value);
    video.src = '/api/v1/video/playback/' + encodeURIComponent(f.camera.value) +
      '?from=' + encodeURIComponent(new Date(f.from.value).toISOString()) + '&to=' + encodeURIComponent(new Date(f.to.value).toISOString());
    video.play().catch(() => {});
  };
  range.addEventListener('submit', e => { e.preventDefault(); load(); });
  video.addEventListener('timeupdate', () => { const m = moment(); document.getElementById('moment').textContent = m ? m.toISOString() : '–'; });
  document.getElementById('mark').addEventListener('submit', async e => {
    e.preventDefault();
    const response = await fetch('/api/v1/video/reviews', {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ cameraId: range.elements.camera.value, moment: moment(), note: e.target.elements.note.value }),
    });
    document.getElementById('result').textContent = response.ok ? 'marked' : 'refused: ' + response.status;
  });
  if (params.get('camera') && params.get('from') && params.get('to')) load();
})();
