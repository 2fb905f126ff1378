# The notifier: alert changes to Alertmanager-format webhooks and WeCom/DingTalk/Feishu robots.
# Build context: the repository root.

FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -pl notifier -am package -DskipTests

FROM eclipse-temurin:17.0.16_8-jre-jammy
RUN groupadd --system matchstream && useradd --system --gid matchstream --no-create-home matchstream
WORKDIR /app
COPY --from=build /src/notifier/target/matchstream-notifier.jar /app/matchstream-notifier.jar
USER matchstream
EXPOSE 8082
# Options and receivers come from MATCHSTREAM_* environment variables (notifier/README.md);
# robot tokens and signing secrets from the environment only.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/matchstream-notifier.jar"]
