package io.stockwise.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.slf4j.LoggerFactory;

/**
 * Lowers the embedded servers' own loggers to WARN, so that starting them does not flood test
 * output with INFO chatter (this library logs one INFO line per start and stop instead).
 *
 * <p>This is best effort and touches only loggers of broker-side Kafka packages and of the
 * PostgreSQL launcher, never the {@code org.apache.kafka.clients} loggers the application uses.
 * Levels are set through {@code java.util.logging}, which the JBoss LogManager (Quarkus),
 * slf4j-jdk14 and slf4j-jboss-logmanager read, and through the
 * {@code org.slf4j.simpleLogger.log.*} system properties when slf4j-simple is the active binding.
 * Levels configured explicitly are left alone. Set the system property
 * {@value #VERBOSE_PROPERTY} to {@code true} to keep the INFO logs.
 *
 * <p>The broker also touches the Log4j API once (for its optional logging-level MBean). Without a
 * Log4j provider on the class path, the normal case under Quarkus, Log4j would print
 * "ERROR Log4j API could not find a logging provider"; in exactly that case its internal status
 * logger is silenced, unless {@value #LOG4J_STATUS_LEVEL} is set already.
 */
final class QuietLogging {

    /** System property that, when {@code true}, leaves all log levels untouched. */
    static final String VERBOSE_PROPERTY = "stockwise.embedded.verbose";

    /** Log4j API's system property for the level of its internal status messages. */
    static final String LOG4J_STATUS_LEVEL = "log4j2.StatusLogger.level";

    private static final List<String> KAFKA_BROKER_LOGGERS = List.of(
            "kafka",
            "state.change.logger",
            "org.apache.kafka.controller",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.deferred",
            "org.apache.kafka.image",
            "org.apache.kafka.metadata",
            "org.apache.kafka.network",
            "org.apache.kafka.queue",
            "org.apache.kafka.raft",
            "org.apache.kafka.security",
            "org.apache.kafka.server",
            "org.apache.kafka.snapshot",
            "org.apache.kafka.storage",
            "org.apache.kafka.timeline");

    private static final List<String> POSTGRES_LOGGERS = List.of("io.zonky.test.db.postgres");

    private static final List<String> LOG4J_PROVIDER_RESOURCES = List.of(
            "META-INF/services/org.apache.logging.log4j.spi.Provider",
            "META-INF/log4j-provider.properties");

    /** java.util.logging keeps loggers weakly; holding them keeps the configured levels alive. */
    private static final List<java.util.logging.Logger> RETAINED = new ArrayList<>();

    private static boolean kafkaDone;
    private static boolean postgresDone;

    private QuietLogging() {
    }

    /** Quiets the Kafka broker; later calls do nothing. */
    static synchronized void quietKafkaBroker() {
        if (kafkaDone) {
            return;
        }
        kafkaDone = true;
        if (Boolean.getBoolean(VERBOSE_PROPERTY)) {
            return;
        }
        warnOnly(KAFKA_BROKER_LOGGERS);
        ClassLoader loader = QuietLogging.class.getClassLoader();
        boolean log4jProvider = LOG4J_PROVIDER_RESOURCES.stream().anyMatch(r -> loader.getResource(r) != null);
        if (!log4jProvider && System.getProperty(LOG4J_STATUS_LEVEL) == null) {
            System.setProperty(LOG4J_STATUS_LEVEL, "OFF");
        }
    }

    /** Quiets the PostgreSQL launcher; later calls do nothing. */
    static synchronized void quietPostgres() {
        if (postgresDone) {
            return;
        }
        postgresDone = true;
        if (!Boolean.getBoolean(VERBOSE_PROPERTY)) {
            warnOnly(POSTGRES_LOGGERS);
        }
    }

    private static void warnOnly(List<String> names) {
        boolean simpleBinding = LoggerFactory.getILoggerFactory().getClass().getName().startsWith("org.slf4j.simple");
        for (String name : names) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
                RETAINED.add(logger);
            }
            String simpleKey = "org.slf4j.simpleLogger.log." + name;
            if (simpleBinding && System.getProperty(simpleKey) == null) {
                System.setProperty(simpleKey, "warn");
            }
        }
    }
}
