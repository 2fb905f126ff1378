#!/bin/sh
# Creates matchstream's topics once (idempotent: --if-not-exists). Run by the kafka-init
# service; the broker has auto-creation off so a misspelt topic fails instead of appearing.
set -eu
BOOTSTRAP="${BOOTSTRAP:-kafka:9092}"
PARTITIONS="${PARTITIONS:-4}"
TOPICS=/opt/kafka/bin/kafka-topics.sh

# create TOPIC PARTITIONS [KEY=VALUE ...]: each further argument is one topic config.
create() {
  topic="$1" partitions="$2"
  shift 2
  set -- $(for c in "$@"; do printf -- '--config %s ' "$c"; done)
  "$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor 1 "$@"
}

create vacancies "$PARTITIONS"
create candidates "$PARTITIONS"
create matches "$PARTITIONS"
# Outcomes are keyed by matchId like matches: the same partition count keeps them co-partitioned.
create match-outcomes "$PARTITIONS"
# An upsert per city: compaction keeps the newest figures of each key forever.
create city-stats "$PARTITIONS" cleanup.policy=compact
create shortage-ranking "$PARTITIONS" cleanup.policy=compact
create alerts "$PARTITIONS"
# The match score's live settings (one key, 'match'): compaction keeps the newest version, which a
# fresh start of the match job reads; one partition keeps the versions in order.
create match-settings 1 cleanup.policy=compact
# Dead letters: 14 days (the longest public holiday plus a working week to diagnose and replay),
# at most 1 GiB; the same as embedded-kafka's Topics.DEAD_LETTER_CONFIGS.
create dead-letters 1 retention.ms=1209600000 retention.bytes=1073741824
# The notifier's delivery log (one record per receiver and alert change): compaction keeps it small.
create notifications 1 cleanup.policy=compact
# Past days (final figures keyed cityId/day) and every alert change (keyed eventId): compacted so a
# recount leaves one copy, deleted 400 days after being written (the broker's stamp, not event time); the same as embedded-kafka's Topics.HISTORY_CONFIGS.
create city-days 1 cleanup.policy=compact,delete retention.ms=34560000000 message.timestamp.type=LogAppendTime
create alert-log 1 cleanup.policy=compact,delete retention.ms=34560000000 message.timestamp.type=LogAppendTime
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --list
