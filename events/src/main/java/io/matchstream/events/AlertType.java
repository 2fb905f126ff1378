package io.matchstream.events;

/** Kinds of alert. */
public enum AlertType {
  /** A technical post still open past its occupation's threshold (default 30 days). Subject: vacancyId. */
  UNFILLED_TECHNICAL_POST,
  /** A city x occupation whose vacancy-to-jobseeker ratio stayed high for days. Subject: cityId:code. */
  SHORTAGE
}
