package io.stockwise.commons.persistence;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Applies the service's Flyway migrations ({@code classpath:db/migration}) to its own schema at
 * startup, before anything else starts, so a service that reports ready has its schema.
 *
 * <p>Migrations are taken from each location's {@code index.txt} (see {@link IndexedMigrations})
 * so the same code works in a native image, where Flyway cannot scan; a location without an
 * index is scanned by Flyway, which only works on the JVM.
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
        var loader = Thread.currentThread().getContextClassLoader();
        var configuration = Flyway.configure(loader)
                .dataSource(dataSource)
                .schemas(config.name())
                .defaultSchema(config.name())
                .createSchemas(true)
                .locations(config.locations().toArray(String[]::new));
        boolean nativeImage = "runtime".equals(System.getProperty("org.graalvm.nativeimage.imagecode"));
        var indexed = IndexedMigrations.load(loader, config.locations(), !nativeImage);
        if (indexed.isPresent()) {
            configuration.resourceProvider(indexed.get()).javaMigrationClassProvider(List::of);
        } else if (nativeImage) {
            throw new IllegalStateException("a native image needs an index.txt in every migration location "
                    + config.locations() + " (docs/native.md)");
        }
        var flyway = configuration.load();
        var result = flyway.migrate();
        LOG.infof("Schema %s migrated to version %s (%d migrations applied)", config.name(),
                result.targetSchemaVersion, result.migrationsExecuted);
        return result.migrationsExecuted;
    }
}
