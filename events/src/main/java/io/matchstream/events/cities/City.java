package io.matchstream.events.cities;

import java.io.Serializable;

/**
 * A pilot city.
 *
 * @param id short ascii id used in events and channels, e.g. {@code ningbo}
 * @param nameZh Chinese name
 * @param nameEn English name
 * @param provinceZh province (Chinese)
 * @param region east, central, west or northeast
 * @param adcode administrative division code
 * @param lat approximate centre latitude, degrees
 * @param lon approximate centre longitude, degrees
 * @param pilotStatus {@code confirmed} by public reports, or {@code assumed}
 * @param sizeWeight relative size, a simulation knob (Ningbo-sized cities are about 1.0)
 */
public record City(
    String id,
    String nameZh,
    String nameEn,
    String provinceZh,
    String region,
    String adcode,
    double lat,
    double lon,
    String pilotStatus,
    double sizeWeight)
    implements Serializable {}
