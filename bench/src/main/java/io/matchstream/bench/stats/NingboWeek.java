package io.matchstream.bench.stats;

import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.events.CityStats;
import io.matchstream.events.codec.EventCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Prints one city's final figures per day of the simulated week and its alerts within the week. */
final class NingboWeek {
  static final String FINALS = "bench-city-finals";

  private NingboWeek() {}

  static void print(String bootstrap, String city, long start, int days) throws Exception {
    long end = start + days * 86_400_000L;
    Map<String, CityStats> finals = new TreeMap<>();
    List<byte[]> all = readAll(bootstrap, FINALS);
    System.out.println("final records of all cities: " + all.size());
    for (byte[] b : all) {
      CityStats s = EventCodec.decodeCityStats(b);
      if (s.cityId().equals(city) && s.isFinal() && s.eventTime() < end) {
        finals.put(s.day(), s);
      }
    }
    Map<AlertState, Set<String>> alerts = new HashMap<>();
    Map<String, Set<String>> byType = new TreeMap<>();
    for (byte[] b : readAll(bootstrap, "alerts")) {
      Alert a = EventCodec.decodeAlert(b);
      if (a.cityId().equals(city) && a.eventTime() < end) {
        alerts.computeIfAbsent(a.state(), k -> new HashSet<>()).add(a.alertId());
        byType.computeIfAbsent(a.alertType() + " " + a.state(), k -> new HashSet<>()).add(a.alertId());
      }
    }
    System.out.println();
    System.out.println("| " + city + " day | smart matches | new vacancies | new candidates | placements | open vacancies | available | ratio | median days to fill | dispatch share | technical past threshold |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (CityStats s : finals.values()) {
      System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %,d | %,d | %s | %s | %s | %,d |%n", s.day(),
          s.matchesToday(), s.newVacancies(), s.newCandidates(), s.placements(), s.openVacancies(),
          s.availableCandidates(), fmt(s.vacancyToJobseekerRatio()), fmt(s.medianDaysToFill()),
          fmt(s.dispatchShare()), s.technicalUnfilledPastThreshold());
    }
    System.out.println();
    System.out.println("| " + city + " alerts within the week | distinct alert ids |");
    System.out.println("|---|---:|");
    byType.forEach((k, v) -> System.out.printf(Locale.ROOT, "| %s | %,d |%n", k, v.size()));
    Map<String, Integer> reasons = new TreeMap<>();
    for (byte[] b : readAll(bootstrap, "dead-letters")) {
      reasons.merge(EventCodec.decodeDeadLetter(b).reason(), 1, Integer::sum);
    }
    System.out.println();
    System.out.println("dead letters (all rounds) by reason: " + reasons);
  }

  private static String fmt(Double d) {
    return d == null ? "—" : String.format(Locale.ROOT, "%.2f", d);
  }

  private static List<byte[]> readAll(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("enable.auto.commit", "false");
    List<byte[]> out = new java.util.ArrayList<>();
    try (var c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> endOffsets = c.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (parts.stream().anyMatch(tp -> c.position(tp) < endOffsets.get(tp)) && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
      }
    }
    return out;
  }
}
