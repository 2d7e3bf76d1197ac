package io.stockwise.commons.persistence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** {@code stockwise.schema.*}: the service's own PostgreSQL schema and its migrations. */
@ConfigMapping(prefix = "stockwise.schema")
public interface SchemaConfig {
    /** The schema the service owns (e.g. {@code ingestion}); no other service reads it. */
    String name();

    /** Whether Flyway migrates the schema at startup. */
    @WithDefault("true")
    boolean migrateAtStart();

    /** Where the migrations are. */
    @WithDefault("classpath:db/migration")
    List<String> locations();
}
