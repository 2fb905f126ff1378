package io.matchstream.jobs.stats.records;

import io.matchstream.events.CertificateLevel;
import io.matchstream.jobs.stats.state.Codes;
import io.matchstream.jobs.common.state.CompactIds;
import java.util.Objects;

/**
 * A technical post being watched for UNFILLED_TECHNICAL_POST: the alert's details and due instants,
 * immutable and compact (codes as {@link Codes} numbers, the employer id packed in a {@code long}
 * when it has the contract's shape, nullable numbers as flag bits). A change makes a new value.
 */
public final class WatchedPost {
  public static final String EMPLOYER_PREFIX = "emp-";
  public static final byte FIRED = 1;
  public static final byte HAS_SALARY_MIN = 2;
  public static final byte HAS_SALARY_MAX = 4;

  public final char city;
  public final char occupation;
  /** The employer id packed by {@link CompactIds}, or 0 when {@link #employerText} holds it. */
  public final long employer;
  /** The employer id when it does not pack (or is null: then both are empty). */
  public final String employerText;
  /** When the post opened, epoch milliseconds. */
  public final long postedTime;
  /** Monthly, CNY; meaningful with {@link #HAS_SALARY_MIN}. */
  public final int salaryMin;
  /** Monthly, CNY; meaningful with {@link #HAS_SALARY_MAX}. */
  public final int salaryMax;
  /** {@link CertificateLevel} ordinal + 1; 0 for none given. */
  public final byte certificate;
  public final byte flags;
  /** postedTime + the occupation's threshold (or first event): the alert fires when the watermark reaches it; 0 for a tombstone. */
  public final long deadline;
  /** Expiry: lastEventTime + stats.vacancy-expiry; for a tombstone, when its close's day is final. */
  public final long expiry;
  /** Tombstone: the post closed (epoch ms) before its OPENED arrived; 0 otherwise. */
  public final long closedTime;

  public WatchedPost(char city, char occupation, long employer, String employerText, long postedTime, int salaryMin,
      int salaryMax, byte certificate, byte flags, long deadline, long expiry, long closedTime) {
    this.city = city;
    this.occupation = occupation;
    this.employer = employer;
    this.employerText = employerText;
    this.postedTime = postedTime;
    this.salaryMin = salaryMin;
    this.salaryMax = salaryMax;
    this.certificate = certificate;
    this.flags = flags;
    this.deadline = deadline;
    this.expiry = expiry;
    this.closedTime = closedTime;
  }

  /** A tombstone: closed before its OPENED arrived, kept until {@code expiry}. */
  public static WatchedPost tombstone(long closedTime, long expiry) {
    return new WatchedPost((char) 0, (char) 0, 0, null, 0, 0, 0, (byte) 0, (byte) 0, 0, expiry, closedTime);
  }

  /** A watch described by a vacancy's latest event. */
  public static WatchedPost of(VacancyChange c, byte flags, long deadline, long expiry) {
    long packed = CompactIds.pack(EMPLOYER_PREFIX, c.employerId);
    byte f = (byte) (flags & FIRED);
    f |= c.salaryMin != null ? HAS_SALARY_MIN : 0;
    f |= c.salaryMax != null ? HAS_SALARY_MAX : 0;
    return new WatchedPost(Codes.of(c.cityId), Codes.of(c.occupationCode), packed, packed == 0 ? c.employerId : null,
        c.postedTime, c.salaryMin == null ? 0 : c.salaryMin, c.salaryMax == null ? 0 : c.salaryMax,
        (byte) (c.certificateLevel == null ? 0 : c.certificateLevel.ordinal() + 1), f, deadline, expiry, 0);
  }

  public WatchedPost fired() {
    return new WatchedPost(city, occupation, employer, employerText, postedTime, salaryMin, salaryMax, certificate,
        (byte) (flags | FIRED), deadline, expiry, closedTime);
  }

  public boolean is(byte flag) {
    return (flags & flag) != 0;
  }

  public String cityId() {
    return Codes.code(city);
  }

  public String occupationCode() {
    return Codes.code(occupation);
  }

  public String employerId() {
    return employer != 0 ? CompactIds.unpack(EMPLOYER_PREFIX, employer) : employerText;
  }

  public Integer salaryMinOrNull() {
    return is(HAS_SALARY_MIN) ? salaryMin : null;
  }

  public Integer salaryMaxOrNull() {
    return is(HAS_SALARY_MAX) ? salaryMax : null;
  }

  public CertificateLevel certificateLevel() {
    return certificate == 0 ? null : CertificateLevel.values()[certificate - 1];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WatchedPost w && w.city == city && w.occupation == occupation && w.employer == employer
        && Objects.equals(w.employerText, employerText) && w.postedTime == postedTime && w.salaryMin == salaryMin
        && w.salaryMax == salaryMax && w.certificate == certificate && w.flags == flags && w.deadline == deadline
        && w.expiry == expiry && w.closedTime == closedTime;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(postedTime * 31 + deadline * 17 + expiry) ^ flags;
  }

  @Override
  public String toString() {
    return "WatchedPost[" + cityId() + " " + occupationCode() + " deadline=" + deadline + " expiry=" + expiry
        + " closed=" + closedTime + " flags=" + flags + "]";
  }
}
