package io.matchstream.bench.stats.baseline;

import io.matchstream.events.CertificateLevel;

/** A technical post being watched for UNFILLED_TECHNICAL_POST: the alert's details and timers. */
public class OldWatchedPost {
  public String cityId;
  public String occupationCode;
  public String employerId;
  /** When the post opened, epoch milliseconds. */
  public long postedTime;
  /** Monthly, CNY. */
  public Integer salaryMin;
  /** Monthly, CNY. */
  public Integer salaryMax;
  public CertificateLevel certificateLevel;
  /** postedTime + the occupation's threshold: the alert fires when the watermark reaches it. */
  public long deadline;
  public boolean fired;
  /** Expiry timer: lastEventTime + stats.vacancy-expiry. */
  public long expiry;
  /** Tombstone: the post closed (epoch ms) before its OPENED arrived; 0 otherwise. */
  public long closedTime;

  public OldWatchedPost() {}
}
