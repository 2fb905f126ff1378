#!/bin/sh
# Creates matchstream's topics once (idempotent: --if-not-exists). Run by the kafka-init
# service; the broker has auto-creation off so a misspelt topic fails instead of appearing.
set -eu
BOOTSTRAP="${BOOTSTRAP:-kafka:9092}"
PARTITIONS="${PARTITIONS:-4}"
TOPICS=/opt/kafka/bin/kafka-topics.sh

create() {
  "$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$1" --partitions "$2" --replication-factor 1 ${3:+--config "$3"}
}

create vacancies "$PARTITIONS"
create candidates "$PARTITIONS"
create matches "$PARTITIONS"
# An upsert per city: compaction keeps the newest figures of each key forever.
create city-stats "$PARTITIONS" cleanup.policy=compact
create alerts "$PARTITIONS"
create dead-letters 1
# The notifier's delivery log (one record per receiver and alert change): compaction keeps it small.
create notifications 1 cleanup.policy=compact
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --list
