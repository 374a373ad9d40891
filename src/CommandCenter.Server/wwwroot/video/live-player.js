// Live view of one camera: fragmented MP4 from /api/v1/video/live/{cameraId} into Media Source Extensions.
// States: connecting, playing, lost (the stream ended; retrying), refused (the server said why; retrying).
// Test cameras burn the wall clock into their top rows (42 blocks of 8 px, bit k = bit k of Unix ms);
// clockOf() reads it back from a canvas so the page can show glass-to-glass latency.
(function () {
  'use strict';

  const BITS = 42, BIT_WIDTH = 8, SOURCE_WIDTH = 640, RETRY_MS = 3000, MAX_BEHIND_S = 1.0;

  class LivePlayer {
    constructor(video, onState) {
      this.video = video;
      this.onState = onState || (() => {});
      this.state = 'idle';
      this.detail = '';
      this.latencies = [];
      this.canvas = document.createElement('canvas');
      this.stopped = false;
      video.muted = true;
      video.playsInline = true;
    }

    setState(state, detail) {
      this.state = state;
      this.detail = detail || '';
      this.onState(state, this.detail);
    }

    async play(cameraId) {
      this.cameraId = cameraId;
      this.stopped = false;
      this.watchClock();
      while (!this.stopped) {
        try {
          await this.once();
        } catch (e) {
          if (!this.stopped) this.setState('lost', String(e && e.message || e));
        }
        if (!this.stopped) await new Promise(r => setTimeout(r, RETRY_MS));
      }
    }

    stop() {
      this.stopped = true;
      if (this.abort) this.abort.abort();
      this.setState('idle');
    }

    async once() {
      this.setState('connecting');
      this.abort = new AbortController();
      const response = await fetch('/api/v1/video/live/' + encodeURIComponent(this.cameraId),
        { credentials: 'same-origin', signal: this.abort.signal, cache: 'no-store' });
      if (!response.ok) {
        let reason = response.status + ' ' + response.statusText;
        try { const p = await response.json(); reason = p.detail || p.title || reason; } catch (_) { }
        this.setState('refused', reason);
        return;
      }
      const codec = response.headers.get('X-Video-Codec') || 'avc1.42e01e';
      const source = new MediaSource();
      this.video.src = URL.createObjectURL(source);
      await new Promise(r => source.addEventListener('sourceopen', r, { once: true }));
      const buffer = source.addSourceBuffer('video/mp4; codecs="' + codec + '"');
      buffer.mode = 'segments';
      const reader = response.body.getReader();
      let appended = 0;
      for (;;) {
        const { value, done } = await reader.read();
        if (done || this.stopped) break;
        if (buffer.updating) await new Promise(r => buffer.addEventListener('updateend', r, { once: true }));
        buffer.appendBuffer(value);
        await new Promise(r => buffer.addEventListener('updateend', r, { once: true }));
        appended += value.byteLength;
        this.keepAtLiveEdge(buffer);
      }
      if (!this.stopped) this.setState('lost', 'the stream ended' + (appended ? '' : ' before the first picture'));
    }

    keepAtLiveEdge(buffer) {
      const v = this.video, b = v.buffered;
      if (!b.length) return;
      const end = b.end(b.length - 1), start = b.start(0);
      if (v.currentTime < start || end - v.currentTime > MAX_BEHIND_S) v.currentTime = Math.max(start, end - 0.15);
      if (v.paused) v.play().catch(() => {});
      if (this.state !== 'playing' && v.readyState >= 2) this.setState('playing');
      if (end - start > 30 && !buffer.updating) buffer.remove(start, end - 10);
    }

    watchClock() {
      const v = this.video;
      if (!v.requestVideoFrameCallback) return;
      const onFrame = () => {
        const ms = this.clockOf();
        if (ms !== null) {
          this.latencies.push(Date.now() - ms);
          if (this.latencies.length > 10000) this.latencies.shift();
        }
        if (!this.stopped) v.requestVideoFrameCallback(onFrame);
      };
      v.requestVideoFrameCallback(onFrame);
    }

    // The burned-in Unix ms of the frame on screen, or null when the picture carries none.
    clockOf() {
      const v = this.video, w = v.videoWidth, h = v.videoHeight;
      if (!w || !h) return null;
      const c = this.canvas;
      c.width = w; c.height = Math.min(h, 32);
      const g = c.getContext('2d', { willReadFrequently: true });
      g.drawImage(v, 0, 0, w, h, 0, 0, w, h);
      const scale = w / SOURCE_WIDTH, y = Math.floor(8 * scale);
      const row = g.getImageData(0, y, w, 1).data;
      let ms = 0;
      for (let k = 0; k < BITS; k++) {
        const x = Math.floor((k * BIT_WIDTH + BIT_WIDTH / 2) * scale);
        const i = x * 4, lum = 0.299 * row[i] + 0.587 * row[i + 1] + 0.114 * row[i + 2];
        if (lum > 128) ms += Math.pow(2, k);
      }
      return Math.abs(Date.now() - ms) < 3600 * 1000 ? ms : null;
    }
  }

  window.CcLivePlayer = LivePlayer;
})();
