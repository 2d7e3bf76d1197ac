package io.stockwise.forecast.messaging;

import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.commons.outbox.OutboxRecord;
import io.stockwise.proto.v1.ForecastPublishedEvent;
import io.stockwise.proto.v1.SeriesForecast;

/** The records forecast-service publishes. */
public final class ForecastEvents {
    /** A new forecast per series; key = series key, value = {@link ForecastPublishedEvent}. */
    public static final String TOPIC = "stockwise.forecasts.v1";

    private ForecastEvents() {}

    /** The outbox record announcing {@code forecast}. */
    public static OutboxRecord published(SeriesForecast forecast) {
        var event = ForecastPublishedEvent.newBuilder().setForecast(forecast).build();
        return new OutboxRecord(TOPIC, ProtoDates.seriesKey(forecast.getSeries()), event.toByteArray());
    }
}
