package io.stockwise.feature.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code stockwise.feature.*}: the topics feature-service reads and writes and its sales consumer. */
@ConfigMapping(prefix = "stockwise.feature")
public interface FeatureConfig {
    /** The topic of sales lines ({@code SaleEvent} values) turned into daily demand. */
    @WithDefault("stockwise.sales.v1")
    String salesTopic();

    /** Where a {@code DemandUpdatedEvent} is published for every series whose demand changed. */
    @WithDefault("stockwise.demand.v1")
    String demandTopic();

    /** Where sales records that cannot be read go, with the reason in their headers. */
    @WithDefault("stockwise.sales.dlq.v1")
    String deadLetterTopic();

    /** The topic of shop-calendar entries ({@code CalendarEventEvent} values) behind the calendar features. */
    @WithDefault("stockwise.calendar.v1")
    String calendarTopic();

    /** The sales consumer. */
    Consumer consumer();

    /** The calendar consumer. */
    CalendarConsumer calendarConsumer();

    /** {@code stockwise.feature.calendar-consumer.*}. */
    interface CalendarConsumer {
        /** Whether this instance consumes the shop calendar (off for a read-only replica). */
        @WithDefault("true")
        boolean enabled();

        /** The Kafka consumer group of the calendar; replicas share it. */
        @WithDefault("feature-service-calendar")
        String groupId();
    }

    /** Rebuilding demand from the topic's beginning. */
    Rebuild rebuild();

    /** {@code stockwise.feature.rebuild.*}. */
    interface Rebuild {
        /**
         * Rebuild all demand from the beginning of the sales topic at startup: move the consumer
         * group to the beginning, empty the demand tables and consume everything again (see the
         * README). Set it for one start of a single instance, then unset it.
         */
        @WithDefault("false")
        boolean onStart();
    }

    /** {@code stockwise.feature.consumer.*}. */
    interface Consumer {
        /** Whether this instance consumes sales at all (off for a read-only replica). */
        @WithDefault("true")
        boolean enabled();

        /** The Kafka consumer group; replicas share it and split the partitions. */
        @WithDefault("feature-service")
        String groupId();

        /** Most records handled (and committed) in one database transaction. */
        @WithDefault("5000")
        int maxPollRecords();

        /** How long one poll waits for records. */
        @WithDefault("PT1S")
        Duration pollTimeout();

        /** The wait before a failed batch (database down, say) is read again. */
        @WithDefault("PT2S")
        Duration retryBackoff();
    }
}
