# The traffic simulator for the 39 pilot cities. Build context: the repository root.

FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -pl simulator -am package -DskipTests

FROM eclipse-temurin:17.0.16_8-jre-jammy
RUN groupadd --system matchstream && useradd --system --gid matchstream --no-create-home matchstream
WORKDIR /app
COPY --from=build /src/simulator/target/matchstream-simulator.jar /app/matchstream-simulator.jar
USER matchstream
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/matchstream-simulator.jar"]
