package io.matchstream.gateway.http;

import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.taxonomy.Occupation;
import io.matchstream.events.taxonomy.Skill;
import io.matchstream.events.taxonomy.Taxonomy;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/taxonomy}: occupation names and skill labels in both languages for the
 * dashboards (skills: ESCO's English label and the project's Chinese one); built once.
 */
final class TaxonomyHandler implements Handler<RoutingContext> {
  private final String body;

  TaxonomyHandler(Taxonomy taxonomy) {
    List<Map<String, Object>> occupations =
        taxonomy.occupations().stream().map(TaxonomyHandler::json).toList();
    Map<String, Map<String, String>> skills = new LinkedHashMap<>();
    for (Skill s : taxonomy.skills()) {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("labelEn", s.label());
      labels.put("labelZh", s.labelZh());
      skills.put(s.id(), labels);
    }
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("occupations", occupations);
    all.put("skills", skills);
    this.body = EventCodec.encodeToString(all);
  }

  private static Map<String, Object> json(Occupation o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", o.code());
    m.put("nameZh", o.nameZh());
    m.put("nameEn", o.nameEn());
    m.put("family", o.family());
    m.put("technical", o.technical());
    return m;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Json.ok(ctx, body);
  }
}
