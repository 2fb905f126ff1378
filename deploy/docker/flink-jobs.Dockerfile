# The official Flink image with matchstream's shaded jobs jar in usrlib/.
# Build context: the repository root.

FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# Build only the jobs module and what it needs; tests ran in CI, not in the image build.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -pl jobs -am package -DskipTests

FROM flink:2.2.1-scala_2.12-java17
# Flink's RocksDB state backend ships in the image's lib/; the jobs jar only adds our code
# and the Kafka connector.
COPY --from=build --chown=flink:flink /src/jobs/target/matchstream-jobs.jar /opt/flink/usrlib/matchstream-jobs.jar
# The base image's entrypoint drops to the unprivileged `flink` user itself.
