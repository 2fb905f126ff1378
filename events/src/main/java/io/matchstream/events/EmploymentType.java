package io.matchstream.events;

/** How a worker is employed on a post. DISPATCH is agency work (劳务派遣); GIG is short-term (灵活用工). */
public enum EmploymentType {
  DIRECT,
  DISPATCH,
  GIG
}
