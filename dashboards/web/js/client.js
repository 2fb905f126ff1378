// The gateway protocol v1 client (docs/protocol.md): one websocket, channels with snapshot then
// deltas, (epoch, seq) kept per channel so a reconnect resumes instead of starting over — on any
// gateway instance, since positions come from the Kafka log.

const SUBPROTOCOL = 'matchstream.v1';
// The gateway allows 20 messages a second with a burst of 40. Channels waiting to be subscribed
// go out together in one message (up to BATCH_CHANNELS), so even the ops room's ~40 channels
// cost one message; the pacing below only matters for a client that reconnects in a loop.
const BURST = 30;
const PER_SECOND = 15;
const BATCH_CHANNELS = 100;
const PING_EVERY_MS = 15000;
// No frame at all (not even a pong) for this long means the socket is dead even if the browser
// has not noticed yet: close it and reconnect.
const SILENCE_LIMIT_MS = 40000;
const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 10000;
// A channel sent but not yet answered after this long is sent again (e.g. it was rate limited).
const RESEND_AFTER_MS = 3000;

// A position (`seq`) is the source log's offsets, one per partition, as decimal strings joined by
// dots ("1523.1610.1498.1577"). Offsets are compared as decimal strings (no leading zeros: the
// longer is the larger), so they stay exact beyond JavaScript's safe integers.
function offsets(position) {
  return String(position).split('.');
}

function compareOffset(a, b) {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when every offset of `position` is at or before `held`'s: a delta the client already has. */
export function covered(position, held) {
  const p = offsets(position);
  const h = offsets(held);
  if (p.length !== h.length) return false;
  return p.every((o, i) => compareOffset(o, h[i]) <= 0);
}

/**
 * The position after applying a delta at `position` to one held at `held`: each partition's
 * larger offset. (A delta from an instance that is behind on some partition must not move the
 * client back there, or a later resume would replay what it already has.)
 */
export function merge(held, position) {
  const p = offsets(position);
  const h = offsets(held);
  if (p.length !== h.length) return String(position);
  return p.map((o, i) => (compareOffset(o, h[i]) >= 0 ? o : h[i])).join('.');
}

export class Client {
  /**
   * @param token the viewer's bearer token
   * @param hooks {onStatus(status, progress), onWelcome(viewer), onError(frame), onAuthLost(),
   *     onHandshakeFailing() after repeated failed connects}
   */
  constructor(token, hooks = {}) {
    this.token = token;
    this.hooks = hooks;
    this.channels = new Map(); // name -> {handlers, epoch, seq, synced, sentAt}
    this.ws = null;
    this.status = 'connecting';
    this.attempt = 0;
    this.tokens = BURST;
    this.lastRefill = Date.now();
    this.outbox = [];
    this.lastFrameAt = 0;
    this.stopped = false;
    this.timer = setInterval(() => this.tick(), 200);
  }

  /** Subscribes to a channel; handlers = {snapshot(data, resync), delta(data)}. */
  subscribe(channel, handlers) {
    this.channels.set(channel, { handlers, epoch: null, seq: null, synced: false, sentAt: 0 });
    if (this.status === 'live' || this.status === 'syncing') {
      this.enqueueSubscribe(channel);
    }
  }

  unsubscribe(channel) {
    if (!this.channels.delete(channel)) return;
    this.outbox = this.outbox.filter((m) => m.channel !== channel);
    this.send({ op: 'unsubscribe', channel });
  }

  /** Channels that have received their snapshot on the current connection, and all channels. */
  progress() {
    let synced = 0;
    for (const c of this.channels.values()) if (c.synced) synced += 1;
    return { synced, total: this.channels.size };
  }

  connect() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    let ws;
    try {
      ws = new WebSocket(`${scheme}://${location.host}/ws`, [SUBPROTOCOL, `bearer.${this.token}`]);
    } catch (e) {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    this.setStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    ws.onopen = () => {
      this.lastFrameAt = Date.now();
    };
    ws.onmessage = (ev) => {
      this.lastFrameAt = Date.now();
      let frame;
      try {
        frame = JSON.parse(ev.data);
      } catch (e) {
        return; // the gateway only sends JSON; ignore anything else rather than die
      }
      // A client that is behind gets several messages in one frame, as a JSON array.
      if (Array.isArray(frame)) frame.forEach((f) => this.onFrame(f));
      else this.onFrame(frame);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      for (const c of this.channels.values()) {
        c.synced = false;
        c.granted = false;
      }
      this.outbox = [];
      if (this.stopped) return;
      this.setStatus('offline');
      if (ev.code === 1008) {
        // Token expired or revoked: reconnecting with the same token cannot help.
        this.hooks.onAuthLost?.();
        return;
      }
      this.scheduleReconnect();
    };
  }

  stop() {
    this.stopped = true;
    clearInterval(this.timer);
    this.ws?.close(1000);
  }

  onFrame(frame) {
    switch (frame.type) {
      case 'welcome':
        this.attempt = 0;
        this.hooks.onWelcome?.(frame.viewer, frame);
        this.setStatus('syncing');
        for (const name of this.channels.keys()) this.enqueueSubscribe(name);
        break;
      case 'snapshot': {
        const c = this.channels.get(frame.channel);
        if (!c) return;
        c.epoch = frame.epoch;
        c.seq = String(frame.seq);
        c.synced = true;
        c.handlers.snapshot?.(frame.data, frame.resync === true);
        this.checkSynced();
        break;
      }
      case 'delta': {
        const c = this.channels.get(frame.channel);
        if (!c || c.seq === null) return;
        if (c.epoch === frame.epoch) {
          // Replayed twice (a resubscribe raced deltas already on the wire): nothing new in it.
          if (covered(frame.seq, c.seq)) return;
          c.seq = merge(c.seq, frame.seq);
        } else {
          // A new log under the channel (the gateway switched from its own numbering to Kafka's
          // at start): take its position as it comes.
          c.epoch = frame.epoch;
          c.seq = String(frame.seq);
        }
        // The gateway sends a channel's deltas in order and without holes on a connection (it
        // closes a connection rather than drop one), so a delta is applied as it comes.
        c.handlers.delta?.(frame.data);
        break;
      }
      case 'subscribed':
        // The answer to a batch: channels refused (forbidden, unknown) will never sync, so they
        // leave the list instead of holding the page in "syncing" forever.
        for (const r of frame.refused || []) {
          this.channels.delete(r.channel);
          this.hooks.onError?.({ type: 'error', ...r });
        }
        // Granted: the snapshots are on their way, however slowly a busy page reads them; asking
        // again would only make the gateway drop the queued ones and start over.
        for (const name of frame.granted || []) {
          const c = this.channels.get(name);
          if (c) c.granted = true;
        }
        this.checkSynced();
        break;
      case 'error':
        if (frame.code === 'rate_limited') {
          // The refused message is not named: send again whatever went out in the last moments.
          const now = Date.now();
          for (const c of this.channels.values()) {
            if (now - c.sentAt < 2000) {
              c.synced = false;
              c.sentAt = 0;
            }
          }
        }
        this.hooks.onError?.(frame);
        break;
      default:
        break; // pong, unsubscribed
    }
  }

  enqueueSubscribe(channel) {
    const c = this.channels.get(channel);
    if (!c || this.outbox.some((m) => m.channel === channel && m.op === 'subscribe')) return;
    this.outbox.push({ op: 'subscribe', channel });
  }

  subscribeMessage(channel) {
    const c = this.channels.get(channel);
    const msg = { op: 'subscribe', channel };
    c.sentAt = Date.now();
    if (c.epoch !== null && c.seq !== null) {
      msg.resume = { epoch: c.epoch, seq: c.seq };
      // A resume with nothing to replay is not answered at all (the channel just goes on live),
      // so it counts as in sync once sent; a refused resume comes back as a resync snapshot.
      c.synced = true;
    }
    return msg;
  }

  checkSynced() {
    if (this.status !== 'syncing') return;
    const { synced, total } = this.progress();
    if (synced === total) this.setStatus('live');
    else this.hooks.onStatus?.(this.status, this.progress());
  }

  tick() {
    const now = Date.now();
    this.tokens = Math.min(BURST, this.tokens + ((now - this.lastRefill) / 1000) * PER_SECOND);
    this.lastRefill = now;
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    if (this.status === 'syncing' || this.status === 'live') {
      for (const [name, c] of this.channels) {
        if (!c.synced && !c.granted && (c.sentAt === 0 || now - c.sentAt > RESEND_AFTER_MS)) {
          this.enqueueSubscribe(name);
        }
      }
    }
    while (this.outbox.length > 0 && this.tokens >= 1) {
      const batch = [];
      while (this.outbox.length > 0 && batch.length < BATCH_CHANNELS) {
        const m = this.outbox.shift();
        if (this.channels.has(m.channel)) batch.push(this.subscribeMessage(m.channel));
      }
      if (batch.length === 1) this.send(batch[0]);
      else if (batch.length > 1) {
        this.send({
          op: 'subscribe',
          channels: batch.map((m) => (m.resume ? { channel: m.channel, resume: m.resume } : m.channel)),
        });
      }
      this.checkSynced();
    }
    if (now - this.lastFrameAt > SILENCE_LIMIT_MS) {
      this.ws.close(4000, 'silent');
    } else if (now - (this.lastPingAt || 0) > PING_EVERY_MS && this.tokens >= 1) {
      this.lastPingAt = now;
      this.send({ op: 'ping' });
    }
  }

  send(msg) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    this.tokens -= 1;
    this.ws.send(JSON.stringify(msg));
  }

  scheduleReconnect() {
    this.attempt += 1;
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** (this.attempt - 1));
    const delay = base / 2 + Math.random() * (base / 2);
    setTimeout(() => {
      if (!this.stopped) this.connect();
    }, delay);
    // After a few failures, ask the REST side whether the token itself is the problem: a
    // websocket handshake refused with 401 looks the same to the browser as a gateway that is down.
    if (this.attempt === 3) this.hooks.onHandshakeFailing?.();
  }

  setStatus(status) {
    this.status = status;
    this.hooks.onStatus?.(status, this.progress());
  }
}
