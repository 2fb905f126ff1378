package io.matchstream.gateway;

import io.matchstream.gateway.state.Frame;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Hands a {@link Frame} from the hub to the event loops by reference. Frames are immutable and
 * their bytes shared by every subscriber, so there is nothing to copy; they never leave the JVM.
 */
final class LocalFrameCodec implements MessageCodec<Frame, Frame> {
  static final String NAME = "matchstream-frame";

  static synchronized void registerOnce(Vertx vertx) {
    try {
      vertx.eventBus().registerCodec(new LocalFrameCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // a second gateway in the same Vert.x (tests, the two-instance benchmark) shares it
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, Frame frame) {
    throw new UnsupportedOperationException("frames are local only");
  }

  @Override
  public Frame decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException("frames are local only");
  }

  @Override
  public Frame transform(Frame frame) {
    return frame;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
