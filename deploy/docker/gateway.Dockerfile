# The websocket/REST gateway with the dashboards. Build context: the repository root.

FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -pl gateway -am package -DskipTests

FROM eclipse-temurin:17.0.16_8-jre-jammy
RUN groupadd --system matchstream && useradd --system --gid matchstream --no-create-home matchstream
WORKDIR /app
COPY --from=build /src/gateway/target/matchstream-gateway.jar /app/matchstream-gateway.jar
USER matchstream
EXPOSE 8080
# Options come from MATCHSTREAM_* environment variables (see README "Configuration").
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/matchstream-gateway.jar"]
CMD ["serve"]
