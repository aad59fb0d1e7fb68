// The own camera and microphone: a self-view preview and a microphone level for the toolbar. The app
// joins control-only, so nothing here is sent to the conference; it shows people what others would see.

import { Emitter } from './emitter.js';

export class LocalMedia extends Emitter {
  constructor() {
    super();
    /** @type {MediaStream | null} */
    this.stream = null;
    /** @type {'idle' | 'asking' | 'granted' | 'denied' | 'unavailable'} */
    this.permission = 'idle';
    this.videoEnabled = true;
    this.audioEnabled = true;
    /** @type {AudioContext | null} */
    this._audio = null;
    /** @type {number} */
    this._meterTimer = 0;
    this.level = 0;
  }

  get hasVideo() {
    return Boolean(this.stream?.getVideoTracks().length);
  }

  get hasAudio() {
    return Boolean(this.stream?.getAudioTracks().length);
  }

  /**
   * Ask for the camera and microphone (whatever the browser grants).
   * @param {{videoDeviceId?: string, audioDeviceId?: string}} [devices]
   */
  async start(devices = {}) {
    if (!navigator.mediaDevices?.getUserMedia) {
      this._setPermission('unavailable');
      return;
    }
    this._setPermission('asking');
    /** @type {MediaTrackConstraints} */
    const video = { width: { ideal: 1280 }, height: { ideal: 720 } };
    if (devices.videoDeviceId) video.deviceId = { exact: devices.videoDeviceId };
    /** @type {MediaTrackConstraints | boolean} */
    const audio = devices.audioDeviceId ? { deviceId: { exact: devices.audioDeviceId } } : true;
    /** @type {MediaStreamConstraints[]} */
    const attempts = [{ video, audio }, { video }, { audio }];
    for (const constraints of attempts) {
      try {
        const stream = await navigator.mediaDevices.getUserMedia(constraints);
        this._replace(stream);
        this._setPermission('granted');
        return;
      } catch (e) {
        const name = /** @type {any} */ (e)?.name;
        if (name === 'NotAllowedError' || name === 'SecurityError') {
          this._setPermission('denied');
          return;
        }
      }
    }
    this._setPermission('unavailable');
  }

  /** @param {MediaStream} stream */
  _replace(stream) {
    this.stopTracks();
    this.stream = stream;
    for (const t of stream.getVideoTracks()) t.enabled = this.videoEnabled;
    for (const t of stream.getAudioTracks()) t.enabled = this.audioEnabled;
    this._startMeter();
    this.emit('stream', stream);
  }

  /** @param {LocalMedia['permission']} permission */
  _setPermission(permission) {
    this.permission = permission;
    this.emit('permission', permission);
  }

  /** @param {boolean} enabled */
  setVideoEnabled(enabled) {
    this.videoEnabled = enabled;
    for (const t of this.stream?.getVideoTracks() ?? []) t.enabled = enabled;
    this.emit('video', enabled);
  }

  /** @param {boolean} enabled */
  setAudioEnabled(enabled) {
    this.audioEnabled = enabled;
    for (const t of this.stream?.getAudioTracks() ?? []) t.enabled = enabled;
    if (!enabled) this._setLevel(0);
    this.emit('audio', enabled);
  }

  _startMeter() {
    this._stopMeter();
    const track = this.stream?.getAudioTracks()[0];
    const Ctx = window.AudioContext ?? /** @type {any} */ (window).webkitAudioContext;
    if (!track || !Ctx) return;
    try {
      const ctx = new Ctx();
      this._audio = ctx;
      const source = ctx.createMediaStreamSource(new MediaStream([track]));
      const analyser = ctx.createAnalyser();
      analyser.fftSize = 512;
      source.connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      const tick = () => {
        if (ctx.state === 'suspended') ctx.resume().catch(() => {});
        analyser.getFloatTimeDomainData(samples);
        let sum = 0;
        for (const s of samples) sum += s * s;
        const rms = Math.sqrt(sum / samples.length);
        // A perceptual curve: quiet speech shows, shouting does not overflow.
        const level = this.audioEnabled ? Math.min(1, Math.sqrt(rms) * 1.6) : 0;
        this._setLevel(level);
      };
      this._meterTimer = window.setInterval(tick, 100);
    } catch (e) {
      console.warn('[plugboard] no microphone level', e);
    }
  }

  /** @param {number} level */
  _setLevel(level) {
    const rounded = Math.round(level * 20) / 20;
    if (rounded === this.level) return;
    this.level = rounded;
    this.emit('level', rounded);
  }

  _stopMeter() {
    clearInterval(this._meterTimer);
    this._meterTimer = 0;
    this._audio?.close().catch(() => {});
    this._audio = null;
  }

  stopTracks() {
    this._stopMeter();
    for (const t of this.stream?.getTracks() ?? []) t.stop();
    this.stream = null;
  }

  /** Release the devices. */
  stop() {
    this.stopTracks();
    this._setLevel(0);
    this.emit('stream', null);
  }
}
