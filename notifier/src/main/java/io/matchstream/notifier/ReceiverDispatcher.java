package io.matchstream.notifier;

import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.notifier.config.NotifierConfig;
import io.matchstream.notifier.config.ReceiverConfig;
import io.matchstream.notifier.delivery.Delivery;
import io.matchstream.notifier.delivery.DeliveryLog;
import io.matchstream.notifier.delivery.Outcome;
import io.matchstream.notifier.delivery.Sender;
import io.matchstream.notifier.model.AlertView;
import io.matchstream.notifier.model.Notification;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One receiver's notifications, as Alertmanager groups them: alerts sharing the {@code group.by}
 * labels form a group; a new group waits {@code group.wait} before its first message, then is
 * looked at every {@code group.interval} and sent when something changed, or when {@code
 * repeat.interval} passed with alerts still firing. Messages go out one at a time; a failed one is
 * retried with exponential backoff (rebuilt from the group's current state, so an outage ends in
 * one message that says everything). A rate-limited receiver (robots: 20 a minute) gets at most
 * {@code rate-limit} messages in any {@code rate-window}, spaced at least window/limit apart, and
 * when several groups wait for the next slot they go out together as one digest: a burst costs
 * two messages, not the window's whole budget.
 *
 * <p>Not thread-safe: everything runs on the notifier's loop thread; HTTP answers come back
 * through the {@code loop} executor.
 */
final class ReceiverDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiverDispatcher.class);

  private final ReceiverConfig receiver;
  private final NotifierConfig config;
  private final Sender sender;
  private final DeliveryLog log;
  private final Executor loop;
  private final NotifierMetrics.Receiver meters;

  /** alertId → the latest state change this receiver was sent (or gave up on). */
  private final Map<String, Delivery> handled;
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final Set<String> outbox = new LinkedHashSet<>();
  private final ArrayDeque<Long> answeredAt = new ArrayDeque<>();
  private final Set<String> undelivered = new HashSet<>();
  private final AtomicInteger undeliveredCount = new AtomicInteger();
  private final AtomicInteger queuedCount = new AtomicInteger();
  private Attempt inFlight;

  ReceiverDispatcher(ReceiverConfig receiver, NotifierConfig config, Sender sender, DeliveryLog log,
      Executor loop, NotifierMetrics metrics, Map<String, Delivery> handled) {
    this.receiver = receiver;
    this.config = config;
    this.sender = sender;
    this.log = log;
    this.loop = loop;
    this.handled = new HashMap<>(handled);
    this.handled.values().stream().filter(d -> !d.delivered() && d.state() == AlertState.FIRING)
        .forEach(d -> undelivered.add(d.alertId()));
    undeliveredCount.set(undelivered.size());
    this.meters = metrics.receiver(receiver.name(), undeliveredCount::get, queuedCount::get);
  }

  String name() {
    return receiver.name();
  }

  /** An alert state change read from the topic (also every old one, replayed at start). */
  void onAlert(Alert alert, long now) {
    if (!receiver.accepts(alert.cityId(), alert.alertType())) {
      return;
    }
    Delivery last = handled.get(alert.alertId());
    boolean firing = alert.state() == AlertState.FIRING;
    if (last != null && last.eventId().equals(alert.eventId())) {
      // Handled before a restart: keep a firing one in its group for repeats, send nothing now.
      if (firing) {
        Group g = group(AlertView.of(alert, 0), now);
        g.members.put(alert.alertId(), AlertView.of(alert, 0));
        g.lastNotified = Math.max(g.lastNotified, last.time());
      } else {
        removeMember(alert.alertId(), groupKey(AlertView.of(alert, 0).labels()));
      }
      return;
    }
    AlertView probe = AlertView.of(alert, 0);
    String key = groupKey(probe.labels());
    Group existing = groups.get(key);
    AlertView member = existing == null ? null : existing.members.get(alert.alertId());
    if (firing) {
      group(probe, now).members.put(alert.alertId(), probe);
      return;
    }
    if (undelivered.remove(alert.alertId())) {
      undeliveredCount.set(undelivered.size()); // no longer firing: nothing left undelivered about it
    }
    boolean receiverKnows = last != null && last.firingDelivered();
    if (!receiverKnows && member == null) {
      return; // resolved before this receiver heard it fire: nothing to say, as in Alertmanager
    }
    long since = member != null && member.firing() ? member.startsAt() : receiverKnows ? last.startsAt() : 0;
    group(probe, now).members.put(alert.alertId(), AlertView.of(alert, since));
  }

  /** Flushes the groups that are due and sends what the rate limit allows. */
  void tick(long now) {
    for (Group g : new ArrayList<>(groups.values())) {
      if (now >= g.nextFlush) {
        flush(g, now);
      }
    }
    dispatch(now);
    queuedCount.set(outbox.size() + (inFlight == null ? 0 : inFlight.groupKeys.size()));
  }

  private void flush(Group g, long now) {
    g.nextFlush = now + config.groupInterval().toMillis();
    boolean sending = inFlight != null && inFlight.groupKeys.contains(g.key);
    // A resolution the receiver never heard fire is dropped, unless the firing is on its way now.
    g.members.values().removeIf(a -> !a.firing() && !firingDelivered(a.alertId())
        && !(sending && inFlight.firingAlertIds.contains(a.alertId())));
    if (g.members.isEmpty()) {
      if (!sending) {
        groups.remove(g.key);
        outbox.remove(g.key);
      }
      return;
    }
    if (needsUpdate(g, now)) {
      outbox.add(g.key);
    }
  }

  private boolean needsUpdate(Group g, long now) {
    boolean anyFiring = false;
    for (AlertView a : g.members.values()) {
      Delivery last = handled.get(a.alertId());
      if (last == null || !last.eventId().equals(a.eventId())) {
        return true;
      }
      anyFiring |= a.firing();
    }
    return anyFiring && g.lastNotified > 0 && now - g.lastNotified >= config.repeatInterval().toMillis();
  }

  private void dispatch(long now) {
    while (true) {
      if (inFlight != null) {
        if (!inFlight.sending && now >= inFlight.nextAttemptAt) {
          attempt(inFlight, now);
        }
        if (inFlight != null) {
          return;
        }
        continue;
      }
      if (outbox.isEmpty()) {
        return;
      }
      int remaining = remainingInWindow(now);
      if (remaining <= 0) {
        return;
      }
      List<String> keys = new ArrayList<>();
      if (receiver.rateLimit() > 0 || outbox.size() > remaining) {
        keys.addAll(outbox); // everything waiting for this slot: one message, a digest if several
      } else {
        keys.add(outbox.iterator().next());
      }
      outbox.removeAll(keys);
      inFlight = new Attempt(keys, now);
      attempt(inFlight, now);
    }
  }

  private int remainingInWindow(long now) {
    if (receiver.rateLimit() == 0) {
      return Integer.MAX_VALUE;
    }
    long window = receiver.rateWindow().toMillis();
    while (!answeredAt.isEmpty() && answeredAt.peekFirst() <= now - window) {
      answeredAt.pollFirst();
    }
    if (!answeredAt.isEmpty() && now - answeredAt.peekLast() < window / receiver.rateLimit()) {
      return 0;
    }
    return receiver.rateLimit() - answeredAt.size();
  }

  /** Builds the message from the groups' state now and sends it; nothing left to say ends the attempt. */
  private void attempt(Attempt a, long now) {
    Notification n = build(a.groupKeys, now);
    if (n == null) {
      inFlight = null;
      return;
    }
    a.sending = true;
    a.notification = n;
    a.firingAlertIds = n.alerts().stream().filter(AlertView::firing).map(AlertView::alertId).collect(Collectors.toSet());
    sender.send(receiver, n).thenAcceptAsync(outcome -> onOutcome(a, outcome), loop);
  }

  private Notification build(List<String> keys, long now) {
    List<AlertView> alerts = new ArrayList<>();
    int groupCount = 0;
    Group only = null;
    for (String key : keys) {
      Group g = groups.get(key);
      if (g == null || !needsUpdate(g, now)) {
        continue;
      }
      groupCount++;
      only = g;
      g.members.values().stream()
          .filter(v -> v.firing() || firingDelivered(v.alertId()))
          .forEach(alerts::add);
    }
    if (alerts.isEmpty()) {
      return null;
    }
    alerts.sort(Comparator.comparing((AlertView v) -> !v.firing()).thenComparing(AlertView::startsAt));
    if (groupCount == 1) {
      return new Notification(receiver.name(), only.key, only.labels, List.copyOf(alerts), 1);
    }
    return new Notification(receiver.name(), "{}:{digest=\"" + groupCount + " groups\"}", Map.of(), List.copyOf(alerts), groupCount);
  }

  private void onOutcome(Attempt a, Outcome outcome) {
    long now = System.currentTimeMillis();
    a.sending = false;
    if (outcome.answered()) {
      answeredAt.addLast(now);
    }
    Notification n = a.notification;
    switch (outcome.kind()) {
      case DELIVERED -> {
        meters.delivered.increment();
        if (n.digest()) {
          meters.digests.increment();
        }
        finish(a, n, true, now);
      }
      case REJECTED -> {
        LOG.warn("Receiver {} refused a message of {} alerts ({}); not retried, marked undelivered",
            receiver.name(), n.alerts().size(), outcome.detail());
        meters.rejected.increment();
        finish(a, n, false, now);
      }
      case RETRY -> {
        a.attempts++;
        if (now - a.firstAttemptAt >= config.giveUpAfter().toMillis()) {
          LOG.warn("Receiver {} still failing after {} attempts ({}); giving up, marked undelivered",
              receiver.name(), a.attempts, outcome.detail());
          meters.gaveUp.increment();
          finish(a, n, false, now);
        } else {
          meters.retries.increment();
          if (Integer.bitCount(a.attempts) == 1) { // 1st, 2nd, 4th, 8th… failure: the log stays readable
            LOG.warn("Receiver {} failed (attempt {}): {}; retrying", receiver.name(), a.attempts, outcome.detail());
          }
          a.nextAttemptAt = now + backoff(a.attempts);
        }
      }
      default -> throw new IllegalStateException(outcome.kind().toString());
    }
    dispatch(now);
  }

  private void finish(Attempt a, Notification n, boolean delivered, long now) {
    for (AlertView v : n.alerts()) {
      String key = groupKey(v.labels());
      Delivery d = new Delivery(receiver.name(), v.alertId(), v.eventId(), v.alert().state(), delivered, now, key, v.startsAt());
      handled.put(v.alertId(), d);
      log.append(d);
      if (delivered) {
        meters.alertsDelivered.increment();
      } else {
        meters.alertsUndelivered.increment();
      }
      if (!delivered && v.firing()) {
        undelivered.add(v.alertId());
      } else {
        undelivered.remove(v.alertId());
      }
      Group g = groups.get(key);
      if (g != null) {
        g.lastNotified = now;
        if (!v.firing()) {
          g.members.remove(v.alertId(), v);
        }
      }
    }
    undeliveredCount.set(undelivered.size());
    for (String key : a.groupKeys) {
      Group g = groups.get(key);
      if (g != null && g.members.isEmpty() && !outbox.contains(key)) {
        groups.remove(key);
      }
    }
    inFlight = null;
  }

  /** initial × 2^(attempts−1), capped at the maximum. */
  long backoff(int attempts) {
    long initial = config.initialBackoff().toMillis();
    long max = config.maxBackoff().toMillis();
    int shift = Math.min(attempts - 1, 30);
    return Math.min(max, initial << shift);
  }

  private boolean firingDelivered(String alertId) {
    Delivery d = handled.get(alertId);
    return d != null && d.firingDelivered();
  }

  private Group group(AlertView view, long now) {
    String key = groupKey(view.labels());
    return groups.computeIfAbsent(key, k -> {
      Map<String, String> labels = new TreeMap<>();
      for (String l : config.groupBy()) {
        if (view.labels().containsKey(l)) {
          labels.put(l, view.labels().get(l));
        }
      }
      return new Group(k, labels, now + config.groupWait().toMillis());
    });
  }

  private void removeMember(String alertId, String key) {
    Group g = groups.get(key);
    if (g != null) {
      g.members.remove(alertId);
    }
  }

  /** Alertmanager's form: {@code {}:{alertname="UNFILLED_TECHNICAL_POST", city="ningbo"}}. */
  String groupKey(Map<String, String> labels) {
    return config.groupBy().stream()
        .filter(labels::containsKey)
        .sorted()
        .map(l -> l + "=\"" + labels.get(l) + "\"")
        .collect(Collectors.joining(", ", "{}:{", "}"));
  }

  private static final class Group {
    final String key;
    final Map<String, String> labels;
    final Map<String, AlertView> members = new LinkedHashMap<>();
    long nextFlush;
    long lastNotified;

    Group(String key, Map<String, String> labels, long nextFlush) {
      this.key = key;
      this.labels = Map.copyOf(labels);
      this.nextFlush = nextFlush;
    }
  }

  private static final class Attempt {
    final List<String> groupKeys;
    final long firstAttemptAt;
    Notification notification;
    Set<String> firingAlertIds = Set.of();
    int attempts;
    long nextAttemptAt;
    boolean sending;

    Attempt(List<String> groupKeys, long now) {
      this.groupKeys = List.copyOf(groupKeys);
      this.firstAttemptAt = now;
      this.nextAttemptAt = now;
    }
  }
}
