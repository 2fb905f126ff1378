/**
 * The wire contract of matchstream: the events on every Kafka topic.
 *
 * <p>Every type is an immutable record whose fields are Strings, numbers, enums, other such records
 * or {@code List}s of them, so Flink serialises them with its own serializers and never falls back
 * to Kryo. Times are epoch milliseconds in memory and ISO-8601 with offset on the wire (see {@link
 * io.matchstream.events.codec.EventCodec}).
 */
package io.matchstream.events;
