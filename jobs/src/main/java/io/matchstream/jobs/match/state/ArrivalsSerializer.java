package io.matchstream.jobs.match.state;

import io.matchstream.jobs.match.Arrival;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A pool's arrivals of one instant. Mutable (appended to), so copies are real copies. */
public final class ArrivalsSerializer extends CompactSerializer<List<Arrival>> {
  private static final long serialVersionUID = 1L;
  public static final ArrivalsSerializer INSTANCE = new ArrivalsSerializer();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public List<Arrival> copy(List<Arrival> from) {
    return new ArrayList<>(from);
  }

  @Override
  public void serialize(List<Arrival> list, DataOutputView out) throws IOException {
    out.writeInt(list.size());
    for (Arrival a : list) {
      out.writeUTF(a.eventId());
      out.writeBoolean(a.vacancySide());
      out.writeUTF(a.id());
      out.writeByte(a.vacancy() != null ? 1 : a.candidate() != null ? 2 : 0);
      if (a.vacancy() != null) {
        OpenVacancySerializer.INSTANCE.serialize(a.vacancy(), out);
      } else if (a.candidate() != null) {
        OpenCandidateSerializer.INSTANCE.serialize(a.candidate(), out);
      }
    }
  }

  @Override
  public List<Arrival> deserialize(DataInputView in) throws IOException {
    int n = in.readInt();
    List<Arrival> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String eventId = in.readUTF();
      boolean vacancySide = in.readBoolean();
      String id = in.readUTF();
      int what = in.readByte();
      list.add(new Arrival(eventId, vacancySide, id,
          what == 1 ? OpenVacancySerializer.INSTANCE.deserialize(in) : null,
          what == 2 ? OpenCandidateSerializer.INSTANCE.deserialize(in) : null));
    }
    return list;
  }
}
