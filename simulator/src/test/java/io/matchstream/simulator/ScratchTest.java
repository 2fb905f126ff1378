package io.matchstream.simulator;
import java.time.Duration;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
class ScratchTest {
  @Test void run() {
    double scale = Double.parseDouble(System.getProperty("scale", "1"));
    long t0 = System.nanoTime();
    StreamSummary s = new StreamSummary();
    Iterator<SimEvent> it = Simulator.events(SimulatorConfig.builder().duration(Duration.parse(System.getProperty("dur","P7D"))).volumeScale(scale).build());
    while (it.hasNext()) s.accept(it.next());
    s.finish();
    System.out.println("took ms " + (System.nanoTime() - t0) / 1_000_000);
    s.print(System.out);
  }
}
