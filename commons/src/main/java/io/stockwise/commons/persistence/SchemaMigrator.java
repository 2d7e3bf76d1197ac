package io.stockwise.commons.persistence;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Applies the service's Flyway migrations ({@code classpath:db/migration}) to its own schema at
 * startup, before anything else starts, so a service that reports ready has its schema.
 *
 * <p>Flyway runs from here rather than from the quarkus-flyway extension, whose deployment module
 * is not published for Quarkus 3.32.x on the Maven Central these machines reach.
 */
@ApplicationScoped
public class SchemaMigrator {
    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class);

    private final DataSource dataSource;
    private final SchemaConfig config;

    public SchemaMigrator(DataSource dataSource, SchemaConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    void migrateOnStart(@Observes @Priority(1) StartupEvent event) {
        if (config.migrateAtStart()) {
            migrate();
        }
    }

    /** Applies pending migrations; returns how many ran. */
    public int migrate() {
        var flyway = Flyway.configure(Thread.currentThread().getContextClassLoader())
                .dataSource(dataSource)
                .schemas(config.name())
                .defaultSchema(config.name())
                .createSchemas(true)
                .locations(config.locations().toArray(String[]::new))
                .load();
        var result = flyway.migrate();
        LOG.infof("Schema %s migrated to version %s (%d migrations applied)", config.name(),
                result.targetSchemaVersion, result.migrationsExecuted);
        return result.migrationsExecuted;
    }
}
